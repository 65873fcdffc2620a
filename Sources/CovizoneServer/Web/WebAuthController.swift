import CovizoneCore
import Foundation
import HTTPTypes
import Hummingbird

/// The login page (`GET`/`POST /login`) and sign-out (`POST /logout`).
struct WebAuthController: Sendable {
    let environment: AppEnvironment
    let cookies: CookieFactory

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
            let opened = try await environment.login.login(
                username: username, password: password, remoteAddress: context.remoteAddress, kind: .web, logger: context.logger
            )
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(cookies.session(opened.token.value, maxAge: environment.configuration.sessionLifetime))
            return response
        } catch let error as APIError where error.status == .unauthorized || error.status == .tooManyRequests {
            let key = error.status == .tooManyRequests ? "login_throttled" : "login_failed"
            return loginPage(
                request: request, context: context, next: next, username: username, errorKey: key, status: error.status, headers: error.headers
            )
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard context.identity != nil else { return Response(status: .seeOther, headers: [.location: "/login"]) }
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        if let value = request.cookies[SessionCookieAuthenticator.cookieName]?.value {
            try await environment.sessions.delete(tokenHash: SecretToken(value: value).hash)
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
        let csrf = SecretToken().value
        var model: [String: Any] = ["csrf": csrf, "next": next, "username": username]
        if let errorKey {
            model["error"] = environment.renderer.localizer.string(errorKey, PageRenderer.language(of: request))
        }
        var response = environment.renderer.render(
            "login", titleKey: "login_title", page: model, request: request, context: context, status: status, headers: headers
        )
        response.setCookie(cookies.formCSRF(csrf, for: .login))
        return response
    }
}
