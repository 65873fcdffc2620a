import Foundation

/// Vietnam's provinces and wards, looked up by official code. Every address in Covizone uses these codes.
public struct AdministrativeDivisions: Sendable {
    /// Provinces in the order of their official codes.
    public let provinces: [Province]
    private let provincesByCode: [String: Province]
    private let wardsByProvince: [String: [Ward]]
    private let wardsByCode: [String: Ward]

    public init(provinces: [Province], wards: [Ward]) {
        self.provinces = provinces.sorted { $0.code < $1.code }
        self.provincesByCode = Dictionary(provinces.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.wardsByProvince = Dictionary(grouping: wards.sorted { $0.code < $1.code }, by: \.provinceCode)
        self.wardsByCode = Dictionary(wards.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The province with this code; accepts `"1"` as well as the canonical `"01"`.
    public func province(code: String) -> Province? {
        Self.canonicalCode(code, digits: 2).flatMap { provincesByCode[$0] }
    }

    /// The wards of a province in the order of their codes, or `nil` for an unknown province.
    public func wards(inProvince code: String) -> [Ward]? {
        province(code: code).map { wardsByProvince[$0.code] ?? [] }
    }

    /// The ward with this code; accepts it with or without leading zeros.
    public func ward(code: String) -> Ward? {
        Self.canonicalCode(code, digits: 5).flatMap { wardsByCode[$0] }
    }

    /// True when `ward` is a ward of province `province` (codes with or without leading zeros).
    public func contains(ward: String, inProvince province: String) -> Bool {
        guard let provinceCode = self.province(code: province)?.code else { return false }
        return self.ward(code: ward)?.provinceCode == provinceCode
    }

    /// Number of wards in the whole country.
    public var wardCount: Int { wardsByCode.count }

    /// `code` zero-padded to `digits` when it is all ASCII digits and not longer than that; otherwise `nil`.
    public static func canonicalCode(_ code: String, digits: Int) -> String? {
        guard !code.isEmpty, code.count <= digits, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(repeating: "0", count: digits - code.count) + code
    }
}
