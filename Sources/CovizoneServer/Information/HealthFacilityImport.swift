import CovizoneCore
import CovizoneStore
import Foundation

/// A province officer's directory import from CSV (header `name,services,wardCode,address,
/// latitude,longitude,phone[,hours,bedsFree]`, columns in any order, services separated by `|`):
/// the provinces' lists of testing and vaccination sites, once PDFs, become the directory. Every
/// bad row is reported with its line and field; a row already in the directory (same ward, name
/// and address) is skipped, so a fixed file can be uploaded again.
struct HealthFacilityImport: Sendable {
    let facilities: HealthFacilityService
    static let maximumRows = 20_000
    static let maximumBytes = 8 << 20
    static let requiredColumns = ["name", "services", "wardCode", "address", "latitude", "longitude", "phone"]
    static let optionalColumns = ["hours", "bedsFree"]

    /// What an import did.
    struct Report: Encodable, Sendable {
        var imported: Int
        var rejected: Int
        var dryRun: Bool
        var facilityIds: [Int64]
        var errors: [ImportRowError]
    }

    /// The good rows of `csv` for `province` and the problems of the others; `registered` holds the
    /// address keys of the province's facilities.
    func check(csv: String, province: String, registered: Set<String>) throws -> (accepted: [HealthFacilityService.Draft], errors: [ImportRowError]) {
        let sheet = try CSVImportSheet(csv: csv, kind: "health facility", required: Self.requiredColumns, optional: Self.optionalColumns, maximumRows: Self.maximumRows)
        var registered = registered
        var accepted: [HealthFacilityService.Draft] = []
        var errors: [ImportRowError] = []
        for row in sheet.rows {
            var rowErrors: [ImportRowError] = []
            let latitude = row.number("latitude", errors: &rowErrors), longitude = row.number("longitude", errors: &rowErrors)
            let beds = row.number("bedsFree", errors: &rowErrors)
            let draft = HealthFacilityService.Draft(
                name: row.value("name"), services: row.value("services").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) },
                provinceCode: province, wardCode: row.value("wardCode"), address: row.value("address"), latitude: latitude ?? .nan, longitude: longitude ?? .nan,
                phone: row.value("phone"), hours: row.value("hours"), capacity: beds.map { ["bedsFree": Int($0)] }, accountId: nil
            )
            let numberFields = Set(rowErrors.map(\.field))
            rowErrors += facilities.problems(of: draft).filter { !numberFields.contains($0.field) }.map { ImportRowError(line: row.line, field: $0.field, message: $0.message) }
            if rowErrors.isEmpty, let problem = ImportRowError.placeProblem(
                provinceCode: province, wardCode: draft.wardCode, name: draft.name, address: draft.address, line: row.line, province: province,
                kind: "health facility", registered: &registered
            ) {
                rowErrors.append(problem)
            }
            if rowErrors.isEmpty { accepted.append(draft) }
            errors += rowErrors
        }
        return (accepted, errors)
    }
}
