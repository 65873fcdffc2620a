import CovizoneCore
import CovizoneStore
import Foundation

/// The rules of a province officer's bulk registration of facilities from CSV (header row
/// `name,type,provinceCode,wardCode,address,latitude,longitude,contactPhone[,managerUsername]`,
/// columns in any order). Every bad row is reported with its line and field, and a row already
/// registered (same ward, name and address) is skipped, so a fixed file can be uploaded again.
struct FacilityImport: Sendable {
    let divisions: AdministrativeDivisions
    static let maximumRows = 20_000
    static let maximumBytes = 8 << 20
    static let requiredColumns = ["name", "type", "provinceCode", "wardCode", "address", "latitude", "longitude", "contactPhone"]
    static let optionalColumns = ["managerUsername"]

    /// A good row: the facility and the manager it names.
    struct Accepted: Sendable {
        var details: FacilityDetails
        var managerID: Int64?
    }

    /// What an import did.
    struct Report: Encodable, Sendable {
        /// Good rows: registered, or that would be in a dry run.
        var imported: Int
        /// Rows with at least one error.
        var rejected: Int
        /// True when nothing was stored (a check of the file).
        var dryRun: Bool
        var facilityIds: [Int64]
        var errors: [ImportRowError]
    }

    /// The good rows of `csv` for `province` and the problems of the others; `registered` holds the
    /// address keys of the province's facilities, `managers` finds a manager's account id by username.
    func check(
        csv: String, province: String, registered: Set<String>, managers: (String) async throws -> Int64?
    ) async throws -> (accepted: [Accepted], errors: [ImportRowError]) {
        let sheet = try CSVImportSheet(
            csv: csv, kind: "facility", required: Self.requiredColumns, optional: Self.optionalColumns, maximumRows: Self.maximumRows
        )
        var registered = registered
        var managerIDs: [String: Int64?] = [:]
        var accepted: [Accepted] = []
        var errors: [ImportRowError] = []
        for row in sheet.rows {
            var rowErrors: [ImportRowError] = []
            let registration = FacilityRegistration(
                name: row.value("name"), type: row.value("type"), provinceCode: row.value("provinceCode"), wardCode: row.value("wardCode"),
                address: row.value("address"), latitude: row.number("latitude", errors: &rowErrors), longitude: row.number("longitude", errors: &rowErrors),
                contactPhone: row.value("contactPhone")
            )
            do {
                let details = try registration.details(divisions: divisions)
                let username = row.value("managerUsername")
                var managerID: Int64?
                if !username.isEmpty {
                    if managerIDs[username] == nil { managerIDs[username] = try? await managers(username) }
                    managerID = managerIDs[username] ?? nil
                    if managerID == nil { rowErrors.append(ImportRowError(line: row.line, field: "managerUsername", message: "is not a facility manager of this province")) }
                }
                if rowErrors.isEmpty, let problem = ImportRowError.placeProblem(
                    provinceCode: details.provinceCode, wardCode: details.wardCode, name: details.name, address: details.address, line: row.line,
                    province: province, kind: "facility", registered: &registered
                ) {
                    rowErrors.append(problem)
                }
                if rowErrors.isEmpty { accepted.append(Accepted(details: details, managerID: managerID)) }
            } catch {
                let numberFields = Set(rowErrors.map(\.field))
                rowErrors += ImportRowError.of(error, line: row.line).filter { !numberFields.contains($0.field) }
            }
            errors += rowErrors
        }
        return (accepted, errors)
    }
}
