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

    /// A nullable integer column.
    func optionalInt64(_ column: String) throws -> Int64? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: Int64.self)
    }
}
