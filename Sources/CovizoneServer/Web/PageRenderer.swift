import CovizoneCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// Renders a page template inside the shared layout, in the visitor's language.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let localizer: Localizer
    let divisions: AdministrativeDivisions

    /// Loads every template of `Resources/Templates`.
    static func load(resources: URL, localizer: Localizer, divisions: AdministrativeDivisions) async throws -> PageRenderer {
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("Templates").path)
        return PageRenderer(library: library, localizer: localizer, divisions: divisions)
    }

    /// Times on pages are shown in Vietnam's time zone.
    static let vietnamTime: Date.FormatStyle = {
        var style = Date.FormatStyle(date: .numeric, time: .standard, locale: Locale(identifier: "vi_VN"))
        style.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        return style
    }()

    /// The language of a request: the switch cookie, else Vietnamese.
    static func language(of request: Request) -> Language {
        request.cookies[Language.cookieName].flatMap { Language(rawValue: $0.value) } ?? .vi
    }

    /// An HTML response of `template` showing `page` (a typed page model) inside the layout;
    /// `titleKey` names the page title string.
    func render<Page: Sendable>(
        _ template: String, titleKey: String, page: Page = EmptyPage(), request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        let chrome = chrome(titleKey: titleKey, request: request, context: context)
        let html = library.render(LayoutContext(chrome: chrome, page: page), withTemplate: template) ?? "<!doctype html><title>Covizone</title>"
        var fields: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The layout's values for a request: its language, the title, and the signed-in account.
    func chrome(titleKey: String, request: Request, context: AppRequestContext) -> PageChrome {
        let language = Self.language(of: request)
        let other = language.other
        return PageChrome(
            lang: language.rawValue, t: localizer.table(language), title: localizer.string(titleKey, language),
            languageSwitch: .init(
                code: other.rawValue, label: other.nativeName, href: "/language/\(other.rawValue)?next=\(Self.percentEncoded(request.pathAndQuery))"
            ),
            user: context.identity.map { account($0, language: language) },
            nav: context.identity.map { navigation(for: $0.user.role, currentPath: request.uri.path, language: language) } ?? []
        )
    }

    private func account(_ principal: Principal, language: Language) -> PageChrome.Account {
        PageChrome.Account(
            username: principal.user.username, roleLabel: localizer.string("role_\(principal.user.role.rawValue)", language),
            provinceName: principal.user.provinceCode.map { divisions.province(code: $0)?.name ?? $0 }, csrf: principal.session.csrfToken ?? ""
        )
    }

    private func navigation(for role: Role, currentPath: String, language: Language) -> [PageChrome.Link] {
        var links = [PageChrome.Link(href: "/", label: localizer.string("nav_home", language), current: currentPath == "/")]
        for entry in SystemCatalog.entries(for: role) {
            guard let path = entry.path(for: role) else { continue }
            links.append(.init(href: path, label: localizer.string("system_\(entry.id)_title", language), current: currentPath == path))
        }
        return links
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/"
    }
}
