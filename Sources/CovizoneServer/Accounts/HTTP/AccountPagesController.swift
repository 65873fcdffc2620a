import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird

/// `/accounts`: officers find, create and import the accounts of the people they work with
/// (`POST /accounts`, `POST /accounts/import`), and disable, enable or re-invite one
/// (`POST /accounts/{id}/…`). A new account's invitation link is shown once, on the answer.
struct AccountPagesController: Sendable {
    let accounts: AccountManagementService
    let renderer: PageRenderer
    /// The most rows of a CSV pasted or chosen on the page.
    static let maximumBytes = 2 << 20
    static let pageSize = 50

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("accounts") { request, context in
            let principal = try context.authorize(AccountManagementService.managers)
            return try await render(try await page(request, principal, context), request, context, .ok)
        }
        web.post("accounts") { request, context in
            let principal = try context.authorize(AccountManagementService.managers)
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let input = AccountManagementService.NewAccount(
                username: fields["username"]?.trimmingCharacters(in: .whitespaces) ?? "", role: fields["role"] ?? "", provinceCode: fields["provinceCode"],
                displayName: fields["displayName"], phone: fields["phone"], orgUnitID: fields["orgUnitId"]
            )
            return try await answer(request, principal, context) {
                let created = try await accounts.create(input, by: principal, caller: context.caller)
                return [(created.account, created.invitation)]
            }
        }
        web.post("accounts/import") { request, context in
            let principal = try context.authorize(AccountManagementService.managers)
            let fields = try await request.formFields(limit: Self.maximumBytes)
            try context.verifySessionCSRF(fields)
            return try await answer(request, principal, context) {
                try await accounts.importAccounts(csv: fields["csv"] ?? "", by: principal, caller: context.caller).map { ($0.account, $0.invitation) }
            }
        }
        web.get("accounts/:id") { request, context in
            let principal = try context.authorize(AccountManagementService.managers)
            let dossier = try await accounts.dossier(try context.pathID(of: "Account"), for: principal, caller: context.caller)
            let page = AccountPage(
                dossier.account, history: dossier.history, invitation: dossier.invitation, now: accounts.clock.now, text: renderer.text(for: request),
                divisions: accounts.divisions
            )
            return renderer.render("account", titleKey: "accounts_title", page: page, request: request, context: context)
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            web.post("accounts/:id/\(action)") { request, context in
                let principal = try context.authorize(AccountManagementService.managers)
                try context.verifySessionCSRF(try await request.formFields())
                let id = try context.pathID(of: "Account")
                _ = try await accounts.update(id, .init(disabled: disabled), by: principal, caller: context.caller)
                return Response(status: .seeOther, headers: [.location: "/accounts/\(id)"])
            }
        }
        web.post("accounts/:id/invitation") { request, context in
            let principal = try context.authorize(AccountManagementService.managers)
            try context.verifySessionCSRF(try await request.formFields())
            let id = try context.pathID(of: "Account")
            return try await answer(request, principal, context) {
                let reinvited = try await accounts.reinvite(id, by: principal, caller: context.caller)
                return [(reinvited.account, reinvited.invitation)]
            }
        }
    }

    /// Runs `action`; the page then shows the links of the accounts it invited, or its problems.
    private func answer(
        _ request: Request, _ principal: Principal, _ context: AppRequestContext,
        _ action: () async throws -> [(UserRecord, AccountManagementService.Invitation)]
    ) async throws -> Response {
        let text = renderer.text(for: request)
        var status = HTTPResponse.Status.created
        var invited: [AccountsPage.Invited] = []
        var errors: [String] = []
        do {
            invited = try await action().map { AccountsPage.Invited(username: $0.0.username, url: $0.1.url, texted: $0.0.details.phone != nil) }
        } catch let failure as ValidationFailure {
            (status, errors) = (.unprocessableContent, text.fieldErrors(failure.errors, labelPrefix: "accounts_field_"))
        } catch let error as AccountManagementError {
            guard let messages = Self.messages(error, text) else { throw error }
            (status, errors) = (error.problem.status, messages)
        }
        var page = try await page(request, principal, context)
        (page.invited, page.hasInvited, page.errors, page.hasErrors) = (invited, !invited.isEmpty, errors, !errors.isEmpty)
        return try await render(page, request, context, status)
    }

    /// What the page says of `error` in its language (nil: the error page says it).
    private static func messages(_ error: AccountManagementError, _ text: PageText) -> [String]? {
        switch error {
        case .notAllowed: [text("accounts_error_not_allowed")]
        case .usernameTaken(let username): [text("accounts_error_taken", ["username": username])]
        case .notCSV(let reason): [text("accounts_error_not_csv"), reason]
        case .importRejected(let rows):
            [text("accounts_error_rows", ["rows": String(Set(rows.map(\.line)).count)])]
                + rows.map { "\(text("accounts_line")) \($0.line): \(text("accounts_field_" + $0.field)): \($0.message)" }
        case .notFound, .invitationInvalid: nil
        }
    }

    private func page(_ request: Request, _ principal: Principal, _ context: AppRequestContext) async throws -> AccountsPage {
        let query = request.uri.queryParameters
        let filter = UserRepository.Filter(
            role: query["role"].flatMap { Role(rawValue: String($0)) }, provinceCode: principal.scope.provinceCode ?? query["province"].flatMap { $0.isEmpty ? nil : String($0) },
            text: query["q"].map(String.init)
        )
        let cursor = query["cursor"].flatMap { Int64(String($0)) }
        let records = try await accounts.accounts(filter, afterID: cursor, limit: Self.pageSize + 1, for: principal, caller: context.caller)
        return AccountsPage(
            accounts: records, limit: Self.pageSize, filter: filter, principal: principal, text: renderer.text(for: request), divisions: accounts.divisions
        )
    }

    private func render(_ page: AccountsPage, _ request: Request, _ context: AppRequestContext, _ status: HTTPResponse.Status) async throws -> Response {
        var response = renderer.render("accounts", titleKey: "accounts_title", page: page, request: request, context: context, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
