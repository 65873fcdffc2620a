import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /accounts/{id}`: who the account is, where its invitation stands, and what
/// was done to it, newest first.
struct AccountPage: Sendable {
    struct Event: Sendable {
        var time: String
        var actor: String
        var action: String
        var detail: String
    }

    var id: Int64
    var username: String
    var displayName: String
    var role: String
    var province: String
    var phone: String
    var orgUnit: String
    var state: String
    var isDisabled: Bool
    var createdBy: String
    var createdAt: String
    var invitation: String
    var history: [Event]

    init(
        _ account: UserRecord, history: [AuditEntry], invitation: (expiresAt: Date, used: Bool)?, now: Date, text: PageText, divisions: AdministrativeDivisions
    ) {
        id = account.id
        username = account.username
        displayName = account.details.displayName ?? ""
        role = text("role_\(account.role.rawValue)")
        province = account.provinceCode.map { divisions.province(code: $0)?.name ?? $0 } ?? text("accounts_national")
        phone = account.details.phone ?? ""
        orgUnit = account.details.orgUnitID ?? ""
        isDisabled = account.disabledAt != nil
        state = text("accounts_state_" + (isDisabled ? "disabled" : account.canSignIn ? "active" : "invited"))
        createdBy = account.createdBy ?? "—"
        createdAt = PageText.time(account.createdAt)
        self.invitation = switch invitation {
        case nil: text("account_invitation_none")
        case let (_, used)? where used: text("account_invitation_used")
        case let (expiresAt, _)? where expiresAt > now: text("account_invitation_open", ["until": PageText.time(expiresAt)])
        case .some: text("account_invitation_expired")
        }
        self.history = history.map { Event(time: PageText.time($0.occurredAt), actor: $0.actor, action: $0.action, detail: $0.detail ?? "") }
    }
}
