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

    /// An HTML response of `template` with `model`; `titleKey` names the page title string.
    func render(
        _ template: String, titleKey: String, model: [String: Any] = [:], request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        let language = Self.language(of: request)
        var values = model
        values["lang"] = language.rawValue
        values["t"] = localizer.table(language)
        values["title"] = localizer.string(titleKey, language)
        values["languageSwitch"] = [
            "code": language.other.rawValue,
            "label": language.other.nativeName,
            "href": "/language/\(language.other.rawValue)?next=\(Self.percentEncoded(request.pathAndQuery))",
        ]
        if let principal = context.identity {
            values["user"] = userModel(principal, language: language)
            values["nav"] = navigation(for: principal.user.role, currentPath: request.uri.path, language: language)
            values["hasNav"] = true
        }
        let html = library.render(values, withTemplate: template) ?? "<!doctype html><title>Covizone</title>"
        var fields: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func userModel(_ principal: Principal, language: Language) -> [String: Any] {
        var model: [String: Any] = [
            "username": principal.user.username,
            "roleLabel": localizer.string("role_\(principal.user.role.rawValue)", language),
            "csrf": principal.session.csrfToken ?? "",
        ]
        if let code = principal.user.provinceCode {
            model["provinceName"] = divisions.province(code: code)?.name ?? code
        }
        return model
    }

    private func navigation(for role: Role, currentPath: String, language: Language) -> [[String: Any]] {
        var items: [[String: Any]] = [["href": "/", "label": localizer.string("nav_home", language), "current": currentPath == "/"]]
        for entry in SystemCatalog.entries(for: role) {
            guard let path = entry.path(for: role) else { continue }
            items.append([
                "href": path, "label": localizer.string("system_\(entry.id)_title", language), "current": currentPath == path,
            ])
        }
        return items
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/"
    }
}
