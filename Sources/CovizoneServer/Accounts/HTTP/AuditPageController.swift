import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// `GET /admin/audit`: the audit log as a page for ministry administrators.
struct AuditPageController: Sendable {
    let audit: AuditService
    let renderer: PageRenderer

    /// The page's model: a page of entries, times in Vietnam, and the link to older ones.
    struct Page: Sendable {
        struct Entry: Sendable {
            var when: String
            var actor: String
            var action: String
            var subject: String
            var province: String
            var address: String
            var detail: String
        }

        var entries: [Entry]
        var hasEntries: Bool
        /// The query of the next (older) page, when there is one.
        var older: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("admin/audit") { request, context in
            _ = try context.authorize([.ministryAdmin], province: nil)
            let page = try PageRequest(request: request)
            let fetched = try await audit.entries(beforeID: page.cursorID, limit: page.limit + 1, shown: page.limit, detail: " (page)", caller: context.caller)
            let shown = fetched.prefix(page.limit)
            let entries = shown.map {
                Page.Entry(
                    when: PageText.time($0.occurredAt), actor: $0.actor, action: $0.action, subject: $0.subject, province: $0.provinceCode ?? "",
                    address: $0.remoteAddress ?? "", detail: $0.detail ?? ""
                )
            }
            let older = fetched.count > page.limit ? shown.last.map { "cursor=\(PageRequest.encodeCursor($0.id))&limit=\(page.limit)" } : nil
            return renderer.render(
                "audit", titleKey: "audit_title", page: Page(entries: entries, hasEntries: !entries.isEmpty, older: older), request: request, context: context
            )
        }
    }
}
