import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /accounts`: the accounts an officer manages with filters, the form to create
/// one, the CSV import, and what the last action did (the invitation links of the accounts just
/// made, shown this once, or the problems of the form or file).
struct AccountsPage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var username: String
        var displayName: String
        var role: String
        var province: String
        var state: String
        var stateCode: String
        var isDisabled: Bool
    }

    struct Invited: Sendable {
        var username: String
        var url: String
        var texted: Bool
    }

    var rows: [Row]
    var hasRows: Bool
    var nextHref: String?
    var roles: [PageOption]
    var creatableRoles: [PageOption]
    var provinces: [PageOption]
    var isNational: Bool
    var query: String
    var invited: [Invited] = []
    var hasInvited = false
    var errors: [String] = []
    var hasErrors = false

    init(
        accounts: [UserRecord], limit: Int, filter: UserRepository.Filter, principal: Principal, text: PageText, divisions: AdministrativeDivisions
    ) {
        func province(_ code: String?) -> String { code.map { divisions.province(code: $0)?.name ?? $0 } ?? text("accounts_national") }
        rows = accounts.prefix(limit).map { record in
            let state = record.disabledAt != nil ? "disabled" : record.passwordHash == UserRecord.noPassword ? "invited" : "active"
            return Row(
                id: record.id, username: record.username, displayName: record.details.displayName ?? "", role: text("role_\(record.role.rawValue)"),
                province: province(record.provinceCode), state: text("accounts_state_\(state)"), stateCode: state, isDisabled: record.disabledAt != nil
            )
        }
        hasRows = !rows.isEmpty
        var next: [String: String] = ["role": filter.role?.rawValue ?? "", "province": filter.provinceCode ?? "", "q": filter.text ?? ""]
        if accounts.count > limit, let last = rows.last { next["cursor"] = String(last.id) }
        nextHref = accounts.count > limit ? "/accounts?" + QueryString.encode(next) : nil
        roles = Role.allCases.map { PageOption(code: $0.rawValue, label: text("role_\($0.rawValue)"), selected: filter.role == $0) }
        creatableRoles = Role.allCases.filter(AccountCreationRules.creatableRoles(by: principal.user.role).contains)
            .map { PageOption(code: $0.rawValue, label: text("role_\($0.rawValue)"), selected: false) }
        isNational = principal.scope.isNational
        provinces = divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: filter.provinceCode == $0.code) }
        query = filter.text ?? ""
    }
}
