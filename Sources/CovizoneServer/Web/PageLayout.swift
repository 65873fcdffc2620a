import Mustache

/// What the shared layout shows around every page: the language and its strings, the title,
/// the switch to the other language, and the signed-in account with its navigation.
struct PageChrome: Sendable {
    struct LanguageSwitch: Sendable {
        var code: String
        var label: String
        var href: String
    }

    struct Account: Sendable {
        var username: String
        var roleLabel: String
        var provinceName: String?
        var csrf: String
    }

    struct Link: Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    var lang: String
    /// The localisation table of the page's language.
    var t: [String: String]
    var title: String
    var languageSwitch: LanguageSwitch
    var user: Account?
    var nav: [Link]
    var hasNav: Bool { user != nil }
}

/// A page's model inside the layout: the template finds the layout's values first, then the
/// page's own. Mustache reads a typed model through `Mirror`, which sees stored properties only:
/// a flag such as `hasVisits` is a stored property set by the model's initializer.
struct LayoutContext<Page>: MustacheParent {
    var chrome: PageChrome
    var page: Page

    func child(named name: String) -> Any? {
        switch name {
        case "lang": chrome.lang
        case "t": chrome.t
        case "title": chrome.title
        case "languageSwitch": chrome.languageSwitch
        case "user": chrome.user
        case "nav": chrome.nav
        case "hasNav": chrome.hasNav
        default: Self.property(name, of: page)
        }
    }

    /// A stored property of `model` by name, with an optional's value unwrapped (nil when absent).
    static func property(_ name: String, of model: Page) -> Any? {
        guard let value = Mirror(reflecting: model).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

/// The model of a page that shows nothing beyond its template and the layout.
struct EmptyPage: Sendable {}

/// The model of the error page: what went wrong, in the page's language.
struct ErrorPage: Sendable {
    var message: String
}
