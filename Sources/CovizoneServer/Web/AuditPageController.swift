import CovizoneCore
import Foundation
import Hummingbird

/// `GET /admin/audit`: the audit log as a page for ministry administrators.
struct AuditPageController: Sendable {
    let environment: AppEnvironment

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("admin/audit", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.authorize([.ministryAdmin], province: nil)
        let page = try PageRequest(request: request)
        let fetched = try await environment.audit.list(beforeID: page.cursorID, limit: page.limit + 1)
        let shown = fetched.prefix(page.limit)
        let entries: [[String: Any]] = shown.map { entry in
            [
                "when": entry.occurredAt.formatted(PageRenderer.vietnamTime), "actor": entry.actor, "action": entry.action,
                "subject": entry.subject, "province": entry.provinceCode ?? "", "address": entry.remoteAddress ?? "",
                "detail": entry.detail ?? "",
            ]
        }
        var model: [String: Any] = ["entries": entries, "hasEntries": !entries.isEmpty]
        if fetched.count > page.limit, let last = shown.last {
            model["older"] = "cursor=\(PageRequest.encodeCursor(last.id))&limit=\(page.limit)"
        }
        try await environment.auditRecorder.record("audit.read", subject: "audit_log", detail: "\(entries.count) entries (page)", by: context.caller)
        return environment.renderer.render("audit", titleKey: "audit_title", page: model, request: request, context: context)
    }
}
