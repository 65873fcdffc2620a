import CovizoneCore
import Foundation
import HTTPTypes
import Hummingbird

/// The login page (`GET`/`POST /login`) and sign-out (`POST /logout`).
struct WebAuthController: Sendable {
    let accounts: AccountService
    let renderer: PageRenderer
    let cookies: CookieFactory

    /// The login form's model: where to go after, what was typed, and what went wrong.
    struct Page: Sendable {
        /// The anti-forgery value of the form, also set in its cookie.
        var csrf: String
        var next: String
        var username: String
        var error: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("login", use: showLogin)
        group.post("login", use: submitLogin)
        group.post("logout", use: logout)
    }

    @Sendable func showLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = safeRedirectPath(request.uri.queryParameters["next"].map(String.init))
        if context.identity != nil {
            return Response(status: .seeOther, headers: [.location: next])
        }
        return loginPage(request: request, context: context, next: next, username: "", errorKey: nil, status: .ok)
    }

    @Sendable func submitLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await request.formFields()
        let next = safeRedirectPath(fields["next"])
        let username = fields["username"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard PreSessionCSRF.login.matches(request, fields: fields) else {
            return loginPage(request: request, context: context, next: next, username: username, errorKey: "csrf_failed", status: .forbidden)
        }
        let password = fields["password"] ?? ""
        guard !username.isEmpty, !password.isEmpty else {
            return loginPage(request: request, context: context, next: next, username: username, errorKey: "login_missing", status: .unprocessableContent)
        }
        do {
            let opened = try await accounts.signIn(
                username: username, password: password, remoteAddress: context.remoteAddress, kind: .web, logger: context.logger
            )
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(cookies.session(opened.token.value, maxAge: accounts.settings.sessionLifetime))
            return response
        } catch let error as AccountError {
            let key = error == .wrongCredentials ? "login_failed" : "login_throttled"
            let problem = error.problem
            return loginPage(
                request: request, context: context, next: next, username: username, errorKey: key, status: problem.status, headers: problem.headers
            )
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.identity != nil else { return Response(status: .seeOther, headers: [.location: "/login"]) }
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        if let value = request.cookies[SessionCookieAuthenticator.cookieName]?.value {
            try await accounts.signOut(token: value)
        }
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(cookies.expiredSession())
        return response
    }

    /// The login form with a fresh anti-forgery value in both the form and its cookie.
    private func loginPage(
        request: Request, context: AppRequestContext, next: String, username: String, errorKey: String?, status: HTTPResponse.Status,
        headers: HTTPFields = [:]
    ) -> Response {
        let page = Page(csrf: SecretToken().value, next: next, username: username, error: errorKey.map(renderer.text(for: request).callAsFunction))
        var response = renderer.render("login", titleKey: "login_title", page: page, request: request, context: context, status: status, headers: headers)
        response.setCookie(cookies.formCSRF(page.csrf, for: .login))
        return response
    }
}
