/// A user-facing text in several languages: Vietnamese and English always, any other language
/// a questionnaire adds (`{"vi": …, "en": …, "fr": …}`) without a change of code.
public struct LocalizedText: Codable, Sendable, Equatable, Hashable {
    /// Texts by language code.
    public private(set) var texts: [String: String]

    public init(vi: String, en: String, others: [String: String] = [:]) {
        texts = others.merging(["vi": vi, "en": en]) { _, required in required }
    }

    public var vi: String { texts["vi"] ?? "" }
    public var en: String { texts["en"] ?? "" }

    /// The text in `language`; Vietnamese when the text has none in that language.
    public func text(in language: String) -> String { texts[language] ?? vi }

    public init(from decoder: any Decoder) throws {
        let texts = try decoder.singleValueContainer().decode([String: String].self)
        guard let vi = texts["vi"], let en = texts["en"], !vi.isEmpty, !en.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a text needs Vietnamese (vi) and English (en)"))
        }
        self.init(vi: vi, en: en, others: texts)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(texts)
    }
}
