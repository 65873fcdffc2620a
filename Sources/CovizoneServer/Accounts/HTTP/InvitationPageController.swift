import CovizoneCore
import Foundation
import HTTPTypes
import Hummingbird

/// `GET`/`POST /invitation`: where a person sets the password of an account made for them. The
/// link's token travels after `#`, so that it reaches no server log; the page's script copies it
/// into the form (without scripts the person pastes it).
struct InvitationPageController: Sendable {
    let accounts: AccountManagementService
    let renderer: PageRenderer
    let cookies: CookieFactory

    struct Page: Sendable {
        var csrf: String
        /// The token as posted, kept in the form when it is shown again with its problems.
        var token = ""
        var errors: [String]
        var hasErrors: Bool
        /// The username whose password was just set.
        var done: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("invitation") { request, context in
            page(Page(csrf: SecretToken().value, errors: [], hasErrors: false), request, context, .ok)
        }
        group.post("invitation", use: submit)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await request.formFields()
        let text = renderer.text(for: request)
        let token = fields["token"]?.trimmingCharacters(in: .whitespaces) ?? ""
        func failed(_ errors: [String], _ status: HTTPResponse.Status) -> Response {
            page(Page(csrf: SecretToken().value, token: token, errors: errors, hasErrors: true), request, context, status)
        }
        guard PreSessionCSRF.invitation.matches(request, fields: fields) else { return failed([text("csrf_failed")], .forbidden) }
        let password = fields["password"] ?? ""
        guard password == fields["confirm"] else { return failed([text("invitation_mismatch")], .unprocessableContent) }
        do {
            let account = try await accounts.accept(token: token, password: password, caller: context.caller)
            return page(Page(csrf: SecretToken().value, errors: [], hasErrors: false, done: account.username), request, context, .ok)
        } catch let failure as ValidationFailure {
            return failed(text.fieldErrors(failure.errors, labelPrefix: "invitation_field_"), .unprocessableContent)
        } catch AccountManagementError.invitationInvalid {
            return failed([text("invitation_invalid")], .gone)
        }
    }

    private func page(_ page: Page, _ request: Request, _ context: AppRequestContext, _ status: HTTPResponse.Status) -> Response {
        var response = renderer.render("invitation", titleKey: "invitation_title", page: page, request: request, context: context, status: status)
        response.setCookie(cookies.formCSRF(page.csrf, for: .invitation))
        return response
    }
}
