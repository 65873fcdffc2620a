import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// `GET /api/v1/users`: accounts, for the ministry (every province) and province officers (their own).
/// Usernames identify officials, so every read is written to the audit log.
struct UsersController: Sendable {
    let environment: AppEnvironment

    struct AccountItem: Encodable, Sendable {
        var id: Int64
        var username: String
        var role: String
        var province: String?
        var createdAt: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("users", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<AccountItem> {
        _ = try context.authorize([.ministryAdmin, .provinceOfficer])
        let page = try PageRequest(request: request)
        let requested = try requestedProvince(request)
        let principal = try context.authorize([.ministryAdmin, .provinceOfficer], province: requested ?? context.identity?.user.provinceCode)
        let province = requested ?? principal.user.provinceCode
        let records = try await environment.users.list(provinceCode: province, afterID: page.cursorID, limit: page.limit + 1)
        let formatter = ISO8601DateFormatter()
        let items = records.map {
            AccountItem(id: $0.id, username: $0.username, role: $0.role.rawValue, province: $0.provinceCode, createdAt: formatter.string(from: $0.createdAt))
        }
        let result = Page(fetched: items, limit: page.limit, id: \.id)
        try await environment.auditRecorder.record(
            "users.list", subject: "users", provinceCode: province, detail: "\(result.items.count) accounts", by: context.caller
        )
        return result
    }

    private func requestedProvince(_ request: Request) throws -> String? {
        guard let text = request.uri.queryParameters["province"].map(String.init) else { return nil }
        guard let province = environment.divisions.province(code: text) else {
            throw APIError.invalid([FieldError(field: "province", message: "unknown province code \(text)")])
        }
        return province.code
    }
}
