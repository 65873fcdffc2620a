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

    /// One rejected row.
    struct RowError: Encodable, Sendable, Equatable {
        /// The line of the file the row starts on (the header is line 1).
        var line: Int
        var field: String?
        var message: String
    }

    /// What an import did.
    struct Report: Encodable, Sendable {
        /// Good rows: registered, or that would be in a dry run.
        var imported: Int
        /// Rows with at least one error.
        var rejected: Int
        /// True when nothing was stored (a check of the file).
        var dryRun: Bool
        var venueIds: [Int64]
        var errors: [RowError]
    }

    /// The good rows of `csv` for `province`, and the problems of the others; `registered` holds
    /// the address keys of the province's venues.
    func check(csv: String, province: String, registered: Set<String>) throws -> (accepted: [VenueDetails], errors: [RowError]) {
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: csv)
        } catch {
            throw VenueImportError.notCSV(reason: error.description)
        }
        guard let header = records.first else { throw VenueImportError.empty }
        guard records.count - 1 <= Self.maximumRows else { throw VenueImportError.tooManyRows(limit: Self.maximumRows) }
        let columns = try Self.columnIndexes(header.fields)
        var registered = registered
        var accepted: [VenueDetails] = []
        var errors: [RowError] = []
        for record in records.dropFirst() {
            func value(_ column: String) -> String {
                guard let index = columns[column], index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            var coordinates: [String: Double] = [:]
            var rowErrors: [RowError] = []
            for column in Self.optionalColumns where !value(column).isEmpty {
                if let number = Double(value(column)) { coordinates[column] = number } else {
                    rowErrors.append(RowError(line: record.line, field: column, message: "must be a number"))
                }
            }
            let registration = VenueRegistration(
                name: value("name"), type: value("type"), provinceCode: value("provinceCode"), wardCode: value("wardCode"), address: value("address"),
                latitude: coordinates["latitude"], longitude: coordinates["longitude"], contactPhone: value("contactPhone")
            )
            do {
                let details = try registration.details(divisions: divisions)
                if rowErrors.isEmpty, let problem = Self.problem(with: details, line: record.line, province: province, registered: &registered) {
                    rowErrors.append(problem)
                }
                if rowErrors.isEmpty { accepted.append(details) }
            } catch {
                rowErrors += error.errors.map { RowError(line: record.line, field: $0.field, message: $0.message) }
            }
            errors += rowErrors
        }
        return (accepted, errors)
    }

    /// A valid row's problem beyond its fields: another province, or a venue already registered.
    private static func problem(with details: VenueDetails, line: Int, province: String, registered: inout Set<String>) -> RowError? {
        guard details.provinceCode == province else {
            return RowError(line: line, field: "provinceCode", message: "is outside this account's province \(province)")
        }
        let key = VenueRepository.addressKey(wardCode: details.wardCode, name: details.name, address: details.address)
        guard registered.insert(key).inserted else {
            return RowError(line: line, field: nil, message: "a venue with this name and address is already registered in the ward")
        }
        return nil
    }

    /// Where each known column is; a missing required column or an unknown one rejects the file.
    private static func columnIndexes(_ header: [String]) throws -> [String: Int] {
        let known = requiredColumns + optionalColumns
        var indexes: [String: Int] = [:]
        var problems: [FieldError] = []
        for (index, name) in header.enumerated() {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let column = known.first(where: { $0.caseInsensitiveCompare(trimmed) == .orderedSame }) else {
                problems.append(FieldError(field: trimmed, message: "is not a column of the venue import (\(known.joined(separator: ",")))"))
                continue
            }
            indexes[column] = index
        }
        for column in requiredColumns where indexes[column] == nil { problems.append(FieldError(field: column, message: "column is missing")) }
        guard problems.isEmpty else { throw VenueImportError.invalidHeader(problems) }
        return indexes
    }
}
