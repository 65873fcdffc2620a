import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// `GET /api/v1/audit`: the audit log, newest first, for ministry administrators.
/// Reading the log is itself logged.
struct AuditController: Sendable {
    let audit: AuditService

    struct EntryItem: Encodable, Sendable {
        var id: Int64
        var occurredAt: Date
        var actor: String
        var action: String
        var subject: String
        var province: String?
        var requestId: String?
        var remoteAddress: String?
        var detail: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("audit", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<EntryItem> {
        _ = try context.authorize([.ministryAdmin], province: nil)
        let page = try PageRequest(request: request)
        let entries = try await audit.entries(beforeID: page.cursorID, limit: page.limit + 1, shown: page.limit, caller: context.caller).map {
            EntryItem(
                id: $0.id, occurredAt: $0.occurredAt, actor: $0.actor, action: $0.action, subject: $0.subject,
                province: $0.provinceCode, requestId: $0.requestID, remoteAddress: $0.remoteAddress, detail: $0.detail
            )
        }
        return Page(fetched: entries, limit: page.limit, id: \.id)
    }
}
