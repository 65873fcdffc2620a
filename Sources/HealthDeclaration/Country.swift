import CovizoneCore

/// A country or territory of ISO 3166-1, by its alpha-2 code.
public struct Country: Sendable, Equatable {
    public var code: String
    public var name: LocalizedText

    /// Every ISO 3166-1 country, ordered by code.
    public static let all: [Country] = table.map { Country(code: $0.code, name: LocalizedText(vi: $0.vi, en: $0.en)) }
    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// The country with `code` (two letters, either case), if ISO 3166-1 has it.
    public static func named(_ code: String) -> Country? { byCode[code.uppercased()] }
}
