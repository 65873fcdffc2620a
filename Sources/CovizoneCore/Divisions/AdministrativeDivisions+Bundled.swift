import Foundation

extension AdministrativeDivisions {
    /// The 34 provinces and 3,321 wards in force since July 2025, shipped with this library
    /// (see `Resources/PROVENANCE.md`).
    public static func bundled() throws -> AdministrativeDivisions {
        guard let url = Bundle.module.url(forResource: "vietnam-divisions", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try decode(Data(contentsOf: url))
    }

    /// Reads the nested GSO format: an array of provinces, each with its `wards`.
    public static func decode(_ data: Data) throws -> AdministrativeDivisions {
        let sourceProvinces = try JSONDecoder().decode([SourceProvince].self, from: data)
        var provinces: [Province] = []
        var wards: [Ward] = []
        for source in sourceProvinces {
            let code = Self.padded(source.code, digits: 2)
            provinces.append(
                Province(code: code, name: source.name, codename: source.codename, divisionType: source.division_type, phoneCode: source.phone_code)
            )
            wards += source.wards.map {
                Ward(code: Self.padded($0.code, digits: 5), name: $0.name, codename: $0.codename, divisionType: $0.division_type, provinceCode: code)
            }
        }
        return AdministrativeDivisions(provinces: provinces, wards: wards)
    }

    private static func padded(_ number: Int, digits: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    // Field names as in the source file.
    private struct SourceProvince: Decodable {
        var name: String
        var code: Int
        var codename: String
        var division_type: String
        var phone_code: Int
        var wards: [SourceWard]
    }

    private struct SourceWard: Decodable {
        var name: String
        var code: Int
        var codename: String
        var division_type: String
    }
}
