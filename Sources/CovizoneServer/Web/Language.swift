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
