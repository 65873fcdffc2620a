import CovizoneCore
import Foundation

/// Every user-facing string of the web pages, per language, loaded from `Resources/Localization`.
struct Localizer: Sendable {
    let tables: [Language: [String: String]]

    /// Reads `vi.json` and `en.json`; fails when a table is missing or the two hold different keys.
    static func load(from directory: URL) throws -> Localizer {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(language.rawValue).json"))
            tables[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        let keySets = Set(tables.values.map { Set($0.keys) })
        guard keySets.count == 1 else {
            throw LocalizationError.tablesDiffer
        }
        return Localizer(tables: tables)
    }

    /// The table for `language`, for templates (`{{t.key}}`).
    func table(_ language: Language) -> [String: String] {
        tables[language] ?? [:]
    }

    /// One string; the key itself when it is missing, so that a gap shows instead of crashing.
    func string(_ key: String, _ language: Language) -> String {
        tables[language]?[key] ?? key
    }

    /// Each problem of a form as one sentence of the table, by field (`PREFIX` + field name), so
    /// that a page shows them in its language; a field without a sentence shows the English text.
    func sentences(for errors: [FieldError], prefix: String, _ language: Language) -> [String] {
        errors.map { tables[language]?[prefix + $0.field] ?? $0.description }
    }

    /// What an API error says, in `language`: each field problem's sentence, or the sentence for
    /// the error's code (`PREFIX` + code); the English text where the tables have none.
    func sentences(for error: APIError, prefix: String, _ language: Language) -> [String] {
        guard error.errors.isEmpty else { return sentences(for: error.errors, prefix: prefix, language) }
        return [error.code.flatMap { tables[language]?[prefix + $0] } ?? error.detail]
    }

    enum LocalizationError: Error, CustomStringConvertible {
        case tablesDiffer
        var description: String { "the localisation tables do not hold the same keys" }
    }
}
