import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// `/api/v1/accounts`: the ministry and province officers create, list, read, change and
/// re-invite the accounts of the people they work with; `POST /api/v1/invitations/accept` is where
/// a person sets the password of an account made for them.
struct AccountsController: Sendable {
    let accounts: AccountManagementService
    let divisions: AdministrativeDivisions

    struct AcceptBody: Decodable {
        var token: String
        var password: String
    }

    struct Invitation: Codable, Sendable {
        var url: String
        var expiresAt: Date
    }

    /// An account as the API shows it (decodable too, so that clients and tests read it typed).
    struct Account: ResponseEncodable, Decodable, Sendable {
        var id: Int64
        var username: String
        var role: String
        var provinceCode: String?
        var displayName: String?
        var phone: String?
        var orgUnitId: String?
        var disabled: Bool
        var hasPassword: Bool
        var createdBy: String?
        var createdAt: Date
        var invitation: Invitation?

        init(_ record: UserRecord, invitation: AccountManagementService.Invitation? = nil) {
            id = record.id
            username = record.username
            role = record.role.rawValue
            provinceCode = record.provinceCode
            displayName = record.details.displayName
            phone = record.details.phone
            orgUnitId = record.details.orgUnitID
            disabled = record.disabledAt != nil
            hasPassword = record.passwordHash != UserRecord.noPassword
            createdBy = record.createdBy
            createdAt = record.createdAt
            self.invitation = invitation.map { Invitation(url: $0.url, expiresAt: $0.expiresAt) }
        }
    }

    struct Accepted: ResponseEncodable {
        var username: String
    }

    /// What an import created: every account with its invitation.
    struct ImportReport: ResponseEncodable {
        var created: Int
        var items: [Account]
    }

    /// The largest import accepted.
    static let maximumImportBytes = 2 * 1024 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("accounts", use: create)
        group.post("accounts/import", use: importCSV)
        group.get("accounts", use: list)
        group.get("accounts/:id", use: show)
        group.patch("accounts/:id", use: update)
        group.post("accounts/:id/invitation", use: reinvite)
        group.post("invitations/accept", use: accept)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Account> {
        let principal = try context.authorize(AccountManagementService.managers)
        let body = try await request.decodeJSON(as: AccountManagementService.NewAccount.self, context: context)
        let created = try await accounts.create(body, by: principal, caller: context.caller)
        return EditedResponse(status: .created, headers: [.cacheControl: "no-store"], response: Account(created.account, invitation: created.invitation))
    }

    /// `POST /api/v1/accounts/import` with a `text/csv` body: all the accounts or none.
    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<ImportReport> {
        let principal = try context.authorize(AccountManagementService.managers)
        let csv = try await request.csvBody(limit: Self.maximumImportBytes)
        let imported = try await accounts.importAccounts(csv: csv, by: principal, caller: context.caller)
        return EditedResponse(
            status: .created, headers: [.cacheControl: "no-store"],
            response: ImportReport(created: imported.count, items: imported.map { Account($0.account, invitation: $0.invitation) })
        )
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<Account> {
        let principal = try context.authorize(AccountManagementService.managers)
        let page = try PageRequest(request: request)
        let query = request.uri.queryParameters
        var problems: [FieldError] = []
        let role = query["role"].map(String.init).flatMap { text -> Role? in
            guard let role = Role(rawValue: text) else {
                problems.append(FieldError(field: "role", message: "must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", ")))
                return nil
            }
            return role
        }
        try ValidationFailure.check(problems)
        let province = try request.queryProvince(divisions: divisions)
        let filter = UserRepository.Filter(role: role, provinceCode: province, text: query["q"].map(String.init))
        let records = try await accounts.accounts(filter, afterID: page.cursorID, limit: page.limit + 1, for: principal, caller: context.caller)
        return Page(fetched: records, limit: page.limit, id: \.id) { Account($0) }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Account {
        let principal = try context.authorize(AccountManagementService.managers)
        return Account(try await accounts.account(try context.pathID(of: "Account"), for: principal, caller: context.caller))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Account {
        let principal = try context.authorize(AccountManagementService.managers)
        let id = try context.pathID(of: "Account")
        let change = try await request.decodeJSON(as: AccountManagementService.Change.self, context: context)
        return Account(try await accounts.update(id, change, by: principal, caller: context.caller))
    }

    @Sendable func reinvite(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Invitation> {
        let principal = try context.authorize(AccountManagementService.managers)
        let invitation = try await accounts.reinvite(try context.pathID(of: "Account"), by: principal, caller: context.caller).invitation
        return EditedResponse(status: .created, headers: [.cacheControl: "no-store"], response: Invitation(url: invitation.url, expiresAt: invitation.expiresAt))
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Accepted {
        let body = try await request.decodeJSON(as: AcceptBody.self, context: context)
        return Accepted(username: try await accounts.accept(token: body.token, password: body.password, caller: context.caller).username)
    }
}

extension AccountsController.Invitation: ResponseEncodable {}
