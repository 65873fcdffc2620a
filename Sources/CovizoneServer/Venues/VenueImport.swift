import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// A province officer's bulk registration of venues from CSV (header row
/// `name,type,provinceCode,wardCode,address,latitude,longitude,contactPhone`, columns in any
/// order, latitude and longitude optional). Good rows are registered, approved, in one
/// transaction; every bad row is reported with its line and field, and a row already registered
/// (same ward, name and address) is skipped, so a fixed file can be uploaded again.
struct VenueImport: Sendable {
    let directory: VenueDirectory
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
    struct Report: ResponseEncodable, Sendable {
        /// Good rows: registered, or that would be in a dry run.
        var imported: Int
        /// Rows with at least one error.
        var rejected: Int
        /// True when nothing was stored (a check of the file).
        var dryRun: Bool
        var venueIds: [Int64]
        var errors: [RowError]
    }

    /// Checks every row, registers the good ones unless `dryRun`, and records the import in the audit log.
    func run(csv: String, by principal: Principal, dryRun: Bool, context: AppRequestContext) async throws -> Report {
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: csv)
        } catch {
            throw APIError(.unprocessableContent, "The file is not valid CSV: \(error.description).", code: "invalid_csv")
        }
        guard let header = records.first else { throw APIError(.unprocessableContent, "The file is empty.", code: "invalid_csv") }
        guard records.count - 1 <= Self.maximumRows else {
            throw APIError(.contentTooLarge, "Import at most \(Self.maximumRows) venues at a time.", code: "too_many_rows")
        }
        let columns = try Self.columnIndexes(header.fields)
        guard let provinceCode = principal.scope.provinceCode else { throw APIError.forbidden("Imports belong to a province officer.") }
        var registered = try await directory.venues.registeredAddresses(provinceCode: provinceCode)
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
                let details = try registration.details(divisions: directory.environment.divisions)
                if rowErrors.isEmpty, let problem = Self.problem(with: details, line: record.line, province: provinceCode, registered: &registered) {
                    rowErrors.append(problem)
                }
                if rowErrors.isEmpty { accepted.append(details) }
            } catch {
                rowErrors += error.errors.map { RowError(line: record.line, field: $0.field, message: $0.message) }
            }
            errors += rowErrors
        }
        let ids = dryRun ? [] : try await directory.venues.createApproved(accepted, by: principal.user.id, at: directory.environment.clock.now)
        let rejected = Set(errors.map(\.line)).count
        try await directory.environment.auditRecorder.record(
            "venues.import", subject: "venues", provinceCode: provinceCode,
            detail: "\(accepted.count) good rows, \(rejected) rejected\(dryRun ? " (dry run)" : "")", context: context
        )
        return Report(imported: accepted.count, rejected: rejected, dryRun: dryRun, venueIds: ids, errors: errors)
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
        guard problems.isEmpty else {
            throw APIError(.unprocessableContent, "The header row must name the venue columns.", errors: problems, code: "invalid_header")
        }
        return indexes
    }
}
