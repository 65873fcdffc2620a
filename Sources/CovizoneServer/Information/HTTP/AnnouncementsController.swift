import CovizoneCore
import Foundation
import Hummingbird

/// Announcements and hotlines: `POST /api/v1/info/announcements` → 201; `GET
/// /api/v1/info/announcements?province=&tag=` (in force, newest first); `GET
/// /api/v1/info/announcements/{id}`; `POST /api/v1/info/announcements/{id}/withdraw`; `GET
/// /api/v1/info/hotlines?province=`; `POST /api/v1/info/hotlines` → 201; `DELETE /api/v1/info/hotlines/{id}`.
struct AnnouncementsController: Sendable {
    let announcements: AnnouncementService
    let hotlines: HotlineService
    let divisions: AdministrativeDivisions

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("info/announcements", use: create)
        group.get("info/announcements", use: list)
        group.get("info/announcements/:id", use: show)
        group.post("info/announcements/:id/withdraw", use: withdraw)
        group.get("info/hotlines", use: listHotlines)
        group.post("info/hotlines", use: addHotline)
        group.delete("info/hotlines/:id", use: removeHotline)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<AnnouncementItem> {
        let principal = try context.authorize(WritingScope.writers)
        let draft = try await request.decodeJSON(as: AnnouncementService.Draft.self, context: context)
        return EditedResponse(status: .created, response: AnnouncementItem(try await announcements.create(draft, by: principal, caller: context.caller)))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<AnnouncementItem> {
        let page = try PageRequest(request: request)
        let tag = try request.uri.queryParameters["tag"].map { text in
            guard let tag = AnnouncementService.tag(String(text)) else { throw APIError.invalid([FieldError(field: "tag", message: "must be letters, digits and _")]) }
            return tag
        }
        let found = try await announcements.current(
            province: try request.queryProvince(divisions: divisions), tag: tag, beforeID: page.cursorID, limit: page.limit + 1
        )
        return Page(fetched: found, limit: page.limit, id: \.id, item: AnnouncementItem.init)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> AnnouncementItem {
        AnnouncementItem(try await announcements.announcement(try context.pathID(of: "Announcement")))
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> AnnouncementItem {
        let principal = try context.authorize(WritingScope.writers)
        return AnnouncementItem(try await announcements.withdraw(try context.pathID(of: "Announcement"), by: principal, caller: context.caller))
    }

    @Sendable func listHotlines(_ request: Request, context: AppRequestContext) async throws -> Page<HotlineItem> {
        let items = try await hotlines.list(province: try request.queryProvince(divisions: divisions)).map(HotlineItem.init)
        return Page(fetched: items, limit: items.count, id: \.id)
    }

    @Sendable func addHotline(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<HotlineItem> {
        let principal = try context.authorize(WritingScope.writers)
        let draft = try await request.decodeJSON(as: HotlineService.Draft.self, context: context)
        return EditedResponse(status: .created, response: HotlineItem(try await hotlines.add(draft, by: principal, caller: context.caller)))
    }

    @Sendable func removeHotline(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(WritingScope.writers)
        try await hotlines.remove(try context.pathID(of: "Hotline"), by: principal, caller: context.caller)
        return Response(status: .noContent)
    }
}
