import CovizoneStore
import CovizoneCore

/// A CSV file an officer imports (venues, facilities): the header row checked against the
/// importer's columns (any order, any case; a missing required column or an unknown one rejects
/// the file), then every row read by column name.
struct CSVImportSheet: Sendable {
    /// One data row and the line of the file it starts on (the header is line 1).
    struct Row: Sendable {
        let line: Int
        fileprivate let fields: [String]
        fileprivate let columns: [String: Int]

        /// The trimmed value of `column`; empty when the row lacks it.
        func value(_ column: String) -> String {
            guard let index = columns[column], index < fields.count else { return "" }
            return fields[index].trimmingCharacters(in: .whitespaces)
        }

        /// The value of an optional number column: nil when blank, a row error when not a number.
        func number(_ column: String, errors: inout [ImportRowError]) -> Double? {
            let text = value(column)
            guard !text.isEmpty else { return nil }
            guard let number = Double(text), number.isFinite else {
                errors.append(ImportRowError(line: line, field: column, message: "must be a number"))
                return nil
            }
            return number
        }
    }

    let rows: [Row]

    /// Parses `csv` for an import of `kind` (named in messages) with these columns and at most `maximumRows` rows.
    init(csv: String, kind: String, required: [String], optional: [String], maximumRows: Int) throws(CSVImportError) {
        let records: [CSVRecord]
        do {
            records = try CSVParser.records(in: csv)
        } catch {
            throw .notCSV(reason: error.description)
        }
        guard let header = records.first else { throw .empty }
        guard records.count - 1 <= maximumRows else { throw .tooManyRows(limit: maximumRows) }
        let columns = try Self.columnIndexes(header.fields, kind: kind, required: required, optional: optional)
        rows = records.dropFirst().map { Row(line: $0.line, fields: $0.fields, columns: columns) }
    }

    private static func columnIndexes(_ header: [String], kind: String, required: [String], optional: [String]) throws(CSVImportError) -> [String: Int] {
        let known = required + optional
        var indexes: [String: Int] = [:]
        var problems: [FieldError] = []
        for (index, name) in header.enumerated() {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let column = known.first(where: { $0.caseInsensitiveCompare(trimmed) == .orderedSame }) else {
                problems.append(FieldError(field: trimmed, message: "is not a column of the \(kind) import (\(known.joined(separator: ",")))"))
                continue
            }
            indexes[column] = index
        }
        for column in required where indexes[column] == nil { problems.append(FieldError(field: column, message: "column is missing")) }
        guard problems.isEmpty else { throw .invalidHeader(problems) }
        return indexes
    }
}

/// One rejected row of an import.
struct ImportRowError: Encodable, Sendable, Equatable {
    /// The line of the file the row starts on (the header is line 1).
    var line: Int
    var field: String?
    var message: String

    /// The errors of `failure`, on `line`.
    static func of(_ failure: ValidationFailure, line: Int) -> [ImportRowError] {
        failure.errors.map { ImportRowError(line: line, field: $0.field, message: $0.message) }
    }
}

/// Why an import file is refused as a whole (bad rows are reported one by one instead).
enum CSVImportError: Error, Equatable {
    case notUTF8
    case notCSV(reason: String)
    case empty
    case tooManyRows(limit: Int)
    /// The header row misses a required column or names an unknown one.
    case invalidHeader([FieldError])
    /// Imports belong to a province officer's province.
    case noProvince
}

extension ImportRowError {
    /// A well-formed place's problem beyond its fields: outside the importer's `province`, or a
    /// `kind` with the same ward, name and address already registered (`registered` holds their
    /// ``VenueRepository/addressKey(wardCode:name:address:)`` and gains this row's).
    static func placeProblem(
        provinceCode: String, wardCode: String, name: String, address: String, line: Int, province: String, kind: String, registered: inout Set<String>
    ) -> ImportRowError? {
        guard provinceCode == province else {
            return ImportRowError(line: line, field: "provinceCode", message: "is outside this account's province \(province)")
        }
        guard registered.insert(VenueRepository.addressKey(wardCode: wardCode, name: name, address: address)).inserted else {
            return ImportRowError(line: line, field: nil, message: "a \(kind) with this name and address is already registered in the ward")
        }
        return nil
    }
}
