import CovizoneCore
import CovizoneStore
import Foundation

/// The rules of a province officer's bulk registration of venues from CSV (header row
/// `name,type,provinceCode,wardCode,address,latitude,longitude,contactPhone`, columns in any
/// order, latitude and longitude optional). Every bad row is reported with its line and field,
/// and a row already registered (same ward, name and address) is skipped, so a fixed file can be
/// uploaded again; ``VenueService/importVenues(csv:by:dryRun:caller:)`` registers the good rows,
/// approved, in one transaction.
struct VenueImport: Sendable {
    let divisions: AdministrativeDivisions
    static let maximumRows = 20_000
    static let maximumBytes = 8 << 20
    static let requiredColumns = ["name", "type", "provinceCode", "wardCode", "address", "contactPhone"]
    static let optionalColumns = ["latitude", "longitude"]

    /// What an import did.
    struct Report: Encodable, Sendable {
        /// Good rows: registered, or that would be in a dry run.
        var imported: Int
        /// Rows with at least one error.
        var rejected: Int
        /// True when nothing was stored (a check of the file).
        var dryRun: Bool
        var venueIds: [Int64]
        var errors: [ImportRowError]
    }

    /// The good rows of `csv` for `province`, and the problems of the others; `registered` holds
    /// the address keys of the province's venues.
    func check(csv: String, province: String, registered: Set<String>) throws -> (accepted: [VenueDetails], errors: [ImportRowError]) {
        let sheet = try CSVImportSheet(csv: csv, kind: "venue", required: Self.requiredColumns, optional: Self.optionalColumns, maximumRows: Self.maximumRows)
        var registered = registered
        var accepted: [VenueDetails] = []
        var errors: [ImportRowError] = []
        for row in sheet.rows {
            var rowErrors: [ImportRowError] = []
            let registration = VenueRegistration(
                name: row.value("name"), type: row.value("type"), provinceCode: row.value("provinceCode"), wardCode: row.value("wardCode"),
                address: row.value("address"), latitude: row.number("latitude", errors: &rowErrors), longitude: row.number("longitude", errors: &rowErrors),
                contactPhone: row.value("contactPhone")
            )
            do {
                let details = try registration.details(divisions: divisions)
                if rowErrors.isEmpty, let problem = ImportRowError.placeProblem(
                    provinceCode: details.provinceCode, wardCode: details.wardCode, name: details.name, address: details.address, line: row.line,
                    province: province, kind: "venue", registered: &registered
                ) {
                    rowErrors.append(problem)
                }
                if rowErrors.isEmpty { accepted.append(details) }
            } catch {
                rowErrors += ImportRowError.of(error, line: row.line)
            }
            errors += rowErrors
        }
        return (accepted, errors)
    }
}
