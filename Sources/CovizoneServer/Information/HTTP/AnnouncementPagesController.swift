import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Announcements for everyone and for relaying: `GET /info/announcements?province=`, `GET
/// /info/tags/{tag}`, `GET /info/announcements/{id}`, the Atom feed `GET
/// /info/announcements.atom?province=&lang=`, the widget partners frame `GET
/// /info/widget?province=&lang=` (no scripts), and the signage screen `GET /info/signage?province=`.
struct AnnouncementPagesController: Sendable {
    let announcements: AnnouncementService
    let hotlines: HotlineService
    let divisions: AdministrativeDivisions
    let renderer: PageRenderer
    let publicHost: String
    let clock: WallClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("info/announcements") { request, context in try await list(tag: nil, request: request, context: context) }
        group.get("info/tags/:tag") { request, context in
            guard let tag = context.parameters.get("tag").flatMap(AnnouncementService.tag) else { throw APIError.notFound("No such tag.") }
            return try await list(tag: tag, request: request, context: context)
        }
        group.get("info/announcements/:id", use: show)
        group.get("info/announcements.atom", use: feed)
        group.get("info/widget", use: widget)
        group.get("info/signage", use: signage)
        group.get("info/signage-worker.js", use: signageWorker)
    }

    private func province(of request: Request) throws -> String? {
        try request.queryProvince(divisions: divisions)
    }

    func list(tag: String?, request: Request, context: AppRequestContext) async throws -> Response {
        let text = renderer.text(for: request)
        let language = PageRenderer.language(of: request)
        let province = try province(of: request)
        let page = try PageRequest(request: request)
        let found = try await announcements.current(province: province, tag: tag, beforeID: page.cursorID, limit: page.limit + 1)
        let shown = found.prefix(page.limit)
        let nextCursor = found.count > page.limit ? shown.last.map { PageRequest.encodeCursor($0.id) } : nil
        let query = province.map { "?province=\($0)" } ?? ""
        let model = AnnouncementsPage(
            items: shown.map { AnnouncementsPage.item($0, language: language, divisions: divisions, text: text, now: clock.now) }, tag: tag,
            provinceOptions: [PageOption(code: "", label: text("info_all_provinces"), selected: province == nil)]
                + divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: $0.code == province) },
            feedLink: "/info/announcements.atom" + query,
            nextLink: nextCursor.map { request.uri.path + "?" + (province.map { "province=\($0)&" } ?? "") + "cursor=\($0)" }
        )
        return renderer.render("info-announcements", titleKey: tag == nil ? "info_announcements_heading" : "info_tag_title", page: model, request: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await announcements.announcement(try context.pathID(of: "Announcement"))
        let item = AnnouncementsPage.item(record, language: PageRenderer.language(of: request), divisions: divisions, text: renderer.text(for: request), now: clock.now)
        return renderer.render("info-announcement", titleKey: "info_announcements_heading", page: item, request: request, context: context)
    }

    /// The Atom feed, in `lang` (`vi` unless `en`).
    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.uri.queryParameters["lang"] == "en" ? "en" : "vi"
        let feed = try await announcements.feed(province: try province(of: request), language: language, host: publicHost)
        return Response(
            status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8", .cacheControl: "public, max-age=60"],
            body: .init(byteBuffer: ByteBuffer(string: feed.xml))
        )
    }

    /// A small page without scripts for partners to frame: the current announcements and hotlines.
    @Sendable func widget(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.uri.queryParameters["lang"] == "en" ? Language.en : .vi
        let province = try province(of: request)
        let items = try await announcements.current(province: province, tag: nil, beforeID: nil, limit: 5)
        let numbers = try await hotlines.list(province: province)
        let text = PageText(localizer: renderer.localizer, language: language)
        let page = WidgetPage(
            lang: language.rawValue, t: renderer.localizer.table(language), base: "https://\(publicHost)",
            items: items.map { WidgetPage.Item(id: $0.id, title: $0.content.title.text(in: language.rawValue), publishedAt: PageText.wallClock($0.publishedAt)) },
            hotlines: numbers.map { InfoPage.hotline($0, language: language, divisions: divisions, text: text) }
        )
        let html = renderer.library.render(page, withTemplate: "info-widget") ?? ""
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=60",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *; base-uri 'none'; form-action 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    /// The full-screen page for LED screens and transaction points.
    @Sendable func signage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = PageRenderer.language(of: request)
        let text = renderer.text(for: request)
        let province = try province(of: request)
        let items = try await announcements.current(province: province, tag: nil, beforeID: nil, limit: 20)
        let numbers = try await hotlines.list(province: province)
        let page = SignagePage(
            province: province ?? "", lang: language.rawValue, t: renderer.localizer.table(language),
            slides: items.map { SignagePage.Slide(title: $0.content.title.text(in: language.rawValue), body: $0.content.body.text(in: language.rawValue), urgent: $0.content.priority != .normal) },
            hotlines: numbers.map { InfoPage.hotline($0, language: language, divisions: divisions, text: text) }
        )
        let html = renderer.library.render(page, withTemplate: "info-signage") ?? ""
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The worker's script, read from the resources once.
    static let signageWorkerScript = Result {
        try String(contentsOf: ServerResources.directory.appendingPathComponent("Static/signage-worker.js"), encoding: .utf8)
    }

    /// The service worker that keeps the signage page and its script for when the network is gone.
    @Sendable func signageWorker(_ request: Request, context: AppRequestContext) async throws -> Response {
        let script = try Self.signageWorkerScript.get()
        return Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: script))
        )
    }
}

/// What the widget template shows; links open Covizone's own pages.
struct WidgetPage: Sendable {
    struct Item: Sendable {
        var id: Int64
        var title: String
        var publishedAt: String
    }

    var lang: String
    var t: [String: String]
    var base: String
    var items: [Item]
    var hotlines: [InfoPage.Hotline]
}

/// What the signage template shows.
struct SignagePage: Sendable {
    struct Slide: Sendable {
        var title: String
        var body: String
        var urgent: Bool
    }

    var province: String
    var lang: String
    var t: [String: String]
    var slides: [Slide]
    var hotlines: [InfoPage.Hotline]
}
