import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// `GET /api/v1/users`: accounts, for the ministry (every province) and province officers (their own).
/// Usernames identify officials, so every read is written to the audit log.
struct UsersController: Sendable {
    let accounts: AccountManagementService
    let divisions: AdministrativeDivisions

    struct AccountItem: Encodable, Sendable {
        var id: Int64
        var username: String
        var role: String
        var province: String?
        var createdAt: Date
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("users", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<AccountItem> {
        _ = try context.authorize([.ministryAdmin, .provinceOfficer])
        let page = try PageRequest(request: request)
        let requested = try request.queryProvince(divisions: divisions)
        let principal = try context.authorize([.ministryAdmin, .provinceOfficer], province: requested ?? context.identity?.user.provinceCode)
        let province = requested ?? principal.user.provinceCode
        let records = try await accounts.accounts(
            UserRepository.Filter(provinceCode: province), afterID: page.cursorID, limit: page.limit + 1, for: principal, caller: context.caller
        )
        let items = records.map { AccountItem(id: $0.id, username: $0.username, role: $0.role.rawValue, province: $0.provinceCode, createdAt: $0.createdAt) }
        return Page(fetched: items, limit: page.limit, id: \.id)
    }
}
