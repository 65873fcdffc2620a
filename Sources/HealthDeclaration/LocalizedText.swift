/// A user-facing text in Vietnamese and English: questionnaires and triage rules carry both.
public struct LocalizedText: Codable, Sendable, Equatable, Hashable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The text in `language` (`vi` or `en`); Vietnamese for any other.
    public func text(in language: String) -> String { language == "en" ? en : vi }
}
