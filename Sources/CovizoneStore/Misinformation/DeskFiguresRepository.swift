import Foundation
import Misinformation
import SQLKit

/// The desk's figures: tips a day, claims by status, how long verdicts took, and what platforms
/// did with takedown requests — of some provinces with the national claims (every one when nil).
public struct DeskFiguresRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Tips received at or after `since`, counted by Vietnam day (day number → count).
    public func tipsPerDay(provinces: [String]?, since: Date) async throws -> [Int: Int] {
        try await database.withConnection { sql in
            let day = SQLBinaryExpression(
                SQLGroupExpression(SQLBinaryExpression(SQLColumn("received_at", table: "mis_items"), .add, SQLLiteral.numeric("25200"))), .divide,
                SQLLiteral.numeric("86400")
            )
            var query = sql.select().column(SQLAlias(day, as: SQLIdentifier("day"))).column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("tips")))
                .from("mis_items").join("mis_claims", on: SQLColumn("claim_id", table: "mis_items"), .equal, SQLColumn("id", table: "mis_claims"))
                .where(SQLColumn("kind", table: "mis_items"), .equal, SQLBind(MisinformationItemRecord.Kind.tip.rawValue))
                .where(SQLColumn("received_at", table: "mis_items"), .greaterThanOrEqual, SQLBind(since.unixSeconds))
            query = Self.scoped(query, provinces, table: "mis_claims")
            let rows = try await query.groupBy(SQLIdentifier("day")).all()
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "day", as: Int.self), try $0.decode(column: "tips", as: Int.self)) })
        }
    }

    /// How many claims stand at each status.
    public func claimsByStatus(provinces: [String]?) async throws -> [ClaimStatus: Int] {
        try await database.withConnection { sql in
            let query = Self.scoped(
                sql.select().column("status").column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("claims"))).from("mis_claims"),
                provinces, table: "mis_claims"
            )
            var counts: [ClaimStatus: Int] = [:]
            for row in try await query.groupBy("status").all() {
                counts[try row.value("status", as: ClaimStatus.self)] = try row.decode(column: "claims", as: Int.self)
            }
            return counts
        }
    }

    /// Seconds from first seen to decided, of the claims decided at or after `since`.
    public func decisionTimes(provinces: [String]?, since: Date) async throws -> [Int64] {
        try await database.withConnection { sql in
            try await Self.scoped(
                sql.select().columns("first_seen_at", "decided_at").from("mis_claims").where("decided_at", .greaterThanOrEqual, since.unixSeconds), provinces,
                table: "mis_claims"
            ).all().map { try $0.decode(column: "decided_at", as: Int64.self) - $0.decode(column: "first_seen_at", as: Int64.self) }
        }
    }

    /// Takedown requests created at or after `since`: platform, outcome (nil: open), and whether it ran past its due time at `now`.
    public func takedowns(provinces: [String]?, since: Date, now: Date) async throws -> [(platform: String, outcome: String?, overdue: Bool)] {
        try await database.withConnection { sql in
            try await Self.scoped(
                sql.select().columns("platform", "outcome", "due_at", "closed_at").from("mis_takedowns").where("created_at", .greaterThanOrEqual, since.unixSeconds),
                provinces, table: "mis_takedowns"
            ).all().map { row in
                let due = try row.optionalInt64("due_at"), closed = try row.optionalInt64("closed_at")
                return (try row.decode(column: "platform", as: String.self), try row.optionalString("outcome"), due.map { (closed ?? now.unixSeconds) > $0 } ?? false)
            }
        }
    }

    static func scoped(_ query: SQLSelectBuilder, _ provinces: [String]?, table: String) -> SQLSelectBuilder {
        guard let provinces else { return query }
        return query.where {
            $0.where(SQLColumn("province_code", table: table), .is, SQLLiteral.null).orWhere(SQLColumn("province_code", table: table), .in, SQLBind.group(provinces))
        }
    }
}
