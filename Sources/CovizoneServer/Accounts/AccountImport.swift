import CovizoneCore
import Foundation

/// Reads the CSV of an account import: a header row naming the columns (`username`, `role`,
/// `province`, `displayName`, `phone`, `orgUnit`; the first two required, any order), then one
/// account per row.
enum AccountImport {
    static let maximumRows = 5_000
    static let columns = ["username", "role", "province", "displayName", "phone", "orgUnit"]
    static let requiredColumns = ["username", "role"]

    /// A problem of one row, by the line of the file it starts on (the header is line 1).
    struct RowError: Encodable, Sendable, Equatable {
        var line: Int
        var field: String
        var message: String
    }

    /// The rows of `csv` as new accounts, with their lines.
    static func rows(in csv: String) throws -> [(line: Int, account: AccountManagementService.NewAccount)] {
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: csv)
        } catch {
            throw AccountManagementError.notCSV(error.description)
        }
        guard let header = records.first, records.count > 1 else { throw AccountManagementError.notCSV("the file holds no account") }
        guard records.count - 1 <= maximumRows else { throw AccountManagementError.notCSV("more than \(maximumRows) rows") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let unknown = names.filter { !columns.contains($0) }
        let missing = requiredColumns.filter { !names.contains($0) }
        guard unknown.isEmpty, missing.isEmpty else {
            throw AccountManagementError.notCSV(
                "the header must name the columns " + columns.joined(separator: ",") + " (username and role required)"
                    + (unknown.isEmpty ? "" : "; unknown: " + unknown.joined(separator: ", "))
            )
        }
        return records.dropFirst().filter { !$0.fields.allSatisfy(\.isEmpty) }.map { record in
            func value(_ column: String) -> String? {
                guard let index = names.firstIndex(of: column), index < record.fields.count else { return nil }
                let text = record.fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            return (
                record.line,
                AccountManagementService.NewAccount(
                    username: value("username") ?? "", role: value("role") ?? "", provinceCode: value("province"), displayName: value("displayName"),
                    phone: value("phone"), orgUnitID: value("orgUnit")
                )
            )
        }
    }
}
