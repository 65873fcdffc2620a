/// The languages of the web pages. Vietnamese is the default.
enum Language: String, CaseIterable, Sendable {
    case vi
    case en

    static let cookieName = "covizone_lang"

    /// The language to switch to from this one.
    var other: Language { self == .vi ? .en : .vi }

    /// The language's own name, shown on the switch.
    var nativeName: String { self == .vi ? "Tiếng Việt" : "English" }
}

extension Language {
    /// The language an API caller asks for with `Accept-Language` (English when it starts with
    /// `en`), else Vietnamese.
    init(acceptLanguage header: String?) {
        self = header?.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("en") == true ? .en : .vi
    }
}
