import Foundation
import SQLKit

/// Check-ins counted three ways over a period, for the dashboard.
public struct CheckInCounts: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        /// The hour's start (Unix seconds, as text), the venue type or the province code.
        public var key: String
        public var count: Int

        public init(key: String, count: Int) {
            self.key = key
            self.count = count
        }
    }

    public var total: Int
    /// Hours with at least one check-in, oldest first.
    public var perHour: [Count]
    /// Most first.
    public var perVenueType: [Count]
    /// Most first.
    public var perProvince: [Count]

    public init(total: Int, perHour: [Count], perVenueType: [Count], perProvince: [Count]) {
        self.total = total
        self.perHour = perHour
        self.perVenueType = perVenueType
        self.perProvince = perProvince
    }
}

/// Counts of check-ins by hour, venue type and province, for one province or the country.
public struct CheckInStatisticsRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Check-ins from `since` on, in `provinceCode` when given.
    public func counts(since: Date, provinceCode: String?) async throws -> CheckInCounts {
        try await database.withConnection { sql in
            func scoped(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
                var query = query.where(SQLColumn("checked_in_at", table: "visits"), .greaterThanOrEqual, SQLBind(since.unixSeconds))
                if let provinceCode { query = query.where(SQLColumn("province_code", table: "visits"), .equal, SQLBind(provinceCode)) }
                return query
            }
            let count = SQLFunction("COUNT", args: SQLLiteral.all)
            let hour = SQLBinaryExpression(SQLColumn("checked_in_at", table: "visits"), .divide, SQLLiteral.numeric("3600"))
            let hours = try await scoped(sql.select().column(hour, as: "k").column(count, as: "n").from("visits"))
                .groupBy(SQLLiteral.numeric("1")).orderBy(SQLLiteral.numeric("1")).all()
                .map { CheckInCounts.Count(key: String(try $0.decode(column: "k", as: Int64.self) * 3600), count: try $0.decode(column: "n", as: Int.self)) }
            let types = try await scoped(
                sql.select().column(SQLColumn("type", table: "venues"), as: "k").column(count, as: "n").from("visits")
                    .join("venues", on: SQLColumn("venue_id", table: "visits"), .equal, SQLColumn("id", table: "venues"))
            )
            .groupBy(SQLColumn("type", table: "venues")).all().map(Self.count)
            let provinces = try await scoped(sql.select().column(SQLColumn("province_code", table: "visits"), as: "k").column(count, as: "n").from("visits"))
                .groupBy(SQLColumn("province_code", table: "visits")).all().map(Self.count)
            return CheckInCounts(
                total: hours.reduce(0) { $0 + $1.count }, perHour: hours, perVenueType: types.sorted(by: Self.mostFirst),
                perProvince: provinces.sorted(by: Self.mostFirst)
            )
        }
    }

    /// Check-ins at venue `venueID` per day since `since`, keyed by day number (days start at
    /// UTC + `offset` seconds; days without any are left out).
    public func perDay(venueID: Int64, since: Date, utcOffset offset: Int) async throws -> [Int: Int] {
        try await database.withConnection { sql in
            let shifted = SQLGroupExpression(SQLBinaryExpression(SQLColumn("checked_in_at"), .add, SQLLiteral.numeric("\(offset)")))
            let day = SQLBinaryExpression(shifted, .divide, SQLLiteral.numeric("86400"))
            let rows = try await sql.select().column(day, as: "day").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("visits")
                .where("venue_id", .equal, venueID).where("checked_in_at", .greaterThanOrEqual, since.unixSeconds).groupBy(day).all()
            var counts: [Int: Int] = [:]
            for row in rows { counts[try row.decode(column: "day", as: Int.self)] = try row.decode(column: "n", as: Int.self) }
            return counts
        }
    }

    private static func count(_ row: any SQLRow) throws -> CheckInCounts.Count {
        CheckInCounts.Count(key: try row.decode(column: "k", as: String.self), count: try row.decode(column: "n", as: Int.self))
    }

    private static func mostFirst(_ left: CheckInCounts.Count, _ right: CheckInCounts.Count) -> Bool {
        (left.count, right.key) > (right.count, left.key)
    }
}
