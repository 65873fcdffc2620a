import Foundation
import SQLKit

extension SQLRow {
    /// A non-null integer column holding Unix seconds, as a date.
    func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: TimeInterval(try decode(column: column, as: Int64.self)))
    }

    /// A nullable text column.
    func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: String.self)
    }

    /// A text column holding one of an enum's raw values; another value is a corrupt row.
    func value<Value: RawRepresentable>(_ column: String, as type: Value.Type) throws -> Value where Value.RawValue == String {
        let text = try decode(column: column, as: String.self)
        guard let value = Value(rawValue: text) else { throw StoreError.corrupt("\(column) holds unknown value \(text)") }
        return value
    }

    /// A nullable integer column.
    func optionalInt64(_ column: String) throws -> Int64? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: Int64.self)
    }
}

extension SQLRow {
    /// A nullable integer column holding Unix seconds, as a date.
    func optionalDate(_ column: String) throws -> Date? {
        try optionalInt64(column).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// A nullable floating-point column.
    func optionalDouble(_ column: String) throws -> Double? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: Double.self)
    }
}
