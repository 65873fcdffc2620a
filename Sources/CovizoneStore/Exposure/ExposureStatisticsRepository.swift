import Foundation
import SQLKit

/// Counts of one day.
public struct DailyCount: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var day: String
    public var first: Int
    public var second: Int

    public init(day: String, first: Int, second: Int) {
        self.day = day
        self.first = first
        self.second = second
    }
}

/// Aggregates for the exposure statistics: uploads per day and upload codes issued and used.
public struct ExposureStatisticsRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Uploads (`first`) and keys stored (`second`) per day from `firstDay` on, oldest first.
    public func publishesPerDay(from firstDay: String) async throws -> [DailyCount] {
        try await database.withConnection { sql in
            try await sql.select().columns("day", "publishes", "keys").from("exposure_publish_counts")
                .where("day", .greaterThanOrEqual, firstDay).orderBy("day").all().map { row in
                    DailyCount(
                        day: try row.decode(column: "day", as: String.self), first: try row.decode(column: "publishes", as: Int.self),
                        second: try row.decode(column: "keys", as: Int.self)
                    )
                }
        }
    }

    /// Upload codes issued per day (keyed by the day number since 1970 in a time zone `offset`
    /// seconds east of UTC), of one province or all, issued at or after `since`.
    public func codesIssuedPerDay(provinceCode: String?, since: Date, utcOffset offset: Int) async throws -> [Int: Int] {
        try await countPerDay(column: "issued_at", provinceCode: provinceCode, since: since, offset: offset)
    }

    /// Upload codes turned into a certificate per day, as ``codesIssuedPerDay(provinceCode:since:utcOffset:)``.
    public func codesUsedPerDay(provinceCode: String?, since: Date, utcOffset offset: Int) async throws -> [Int: Int] {
        try await countPerDay(column: "used_at", provinceCode: provinceCode, since: since, offset: offset)
    }

    private func countPerDay(column: String, provinceCode: String?, since: Date, offset: Int) async throws -> [Int: Int] {
        try await database.withConnection { sql in
            // (column + offset) / 86400: SQLBinaryExpression adds no parentheses of its own.
            let shifted = SQLGroupExpression(SQLBinaryExpression(SQLColumn(column), .add, SQLLiteral.numeric("\(offset)")))
            let day = SQLBinaryExpression(shifted, .divide, SQLLiteral.numeric("86400"))
            var query = sql.select().column(day, as: "day").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("exposure_upload_codes").where(column, .greaterThanOrEqual, since.unixSeconds)
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            var counts: [Int: Int] = [:]
            for row in try await query.groupBy(day).all() {
                counts[try row.decode(column: "day", as: Int.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }
}
