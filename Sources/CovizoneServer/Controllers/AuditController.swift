import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// `GET /api/v1/audit`: the audit log, newest first, for ministry administrators.
/// Reading the log is itself logged.
struct AuditController: Sendable {
    let environment: AppEnvironment

    struct EntryItem: Encodable, Sendable {
        var id: Int64
        var occurredAt: String
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
        let formatter = ISO8601DateFormatter()
        let entries = try await environment.audit.list(beforeID: page.cursorID, limit: page.limit + 1).map {
            EntryItem(
                id: $0.id, occurredAt: formatter.string(from: $0.occurredAt), actor: $0.actor, action: $0.action, subject: $0.subject,
                province: $0.provinceCode, requestId: $0.requestID, remoteAddress: $0.remoteAddress, detail: $0.detail
            )
        }
        let result = Page(fetched: entries, limit: page.limit, id: \.id)
        try await environment.auditRecorder.record("audit.read", subject: "audit_log", detail: "\(result.items.count) entries", by: context.caller)
        return result
    }
}
