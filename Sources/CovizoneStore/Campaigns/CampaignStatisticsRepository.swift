import Foundation
import SQLKit

/// Messages of one round in one operator, province and status.
public struct RoundTally: Sendable, Equatable, Codable {
    public var operatorID: String
    public var provinceCode: String
    public var status: OutboundStatus
    public var messages: Int
    /// Standard SMS units (parts).
    public var units: Int

    public init(operatorID: String, provinceCode: String, status: OutboundStatus, messages: Int, units: Int) {
        self.operatorID = operatorID
        self.provinceCode = provinceCode
        self.status = status
        self.messages = messages
        self.units = units
    }
}

/// A round's messages in one status whose last change fell in one minute: how a round went out.
public struct RoundProgressCount: Sendable, Equatable {
    /// The minute, as Unix seconds divided by 60.
    public var minute: Int64
    public var status: OutboundStatus
    public var messages: Int

    public init(minute: Int64, status: OutboundStatus, messages: Int) {
        self.minute = minute
        self.status = status
        self.messages = messages
    }
}

/// Counts of a round's messages, for the campaign page, its CSV and the communication reports.
public struct CampaignStatisticsRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The round's counts: kept figures once its messages are purged, else counted from them.
    public func tallies(roundID: Int64) async throws -> [RoundTally] {
        try await database.withConnection { sql in
            if let kept = try await sql.select().column("figures").from("campaign_rounds").where("id", .equal, roundID).first()?.optionalString("figures") {
                return try JSONDecoder().decode([RoundTally].self, from: Data(kept.utf8))
            }
            return try await Self.count(roundID: roundID, sql: sql)
        }
    }

    /// The round's messages per minute of their last change and status, oldest first; empty once
    /// its messages are purged.
    public func progress(roundID: Int64) async throws -> [RoundProgressCount] {
        try await database.withConnection { sql in
            try await sql.select().column(SQLAlias(SQLRaw("updated_at / 60"), as: "minute")).column("status")
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "messages"))
                .from("outbound_messages").where("round_id", .equal, roundID).groupBy(SQLRaw("updated_at / 60")).groupBy("status")
                .orderBy(SQLRaw("updated_at / 60")).all().map { row in
                    RoundProgressCount(
                        minute: try row.decode(column: "minute", as: Int64.self), status: try row.value("status", as: OutboundStatus.self),
                        messages: try row.decode(column: "messages", as: Int.self)
                    )
                }
        }
    }

    static func count(roundID: Int64, sql: any SQLDatabase) async throws -> [RoundTally] {
        try await sql.select().column("operator").column("province_code").column("status")
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: "messages"))
                .column(SQLAlias(SQLRaw("CAST(SUM(parts) AS BIGINT)"), as: "units"))
                .from("outbound_messages").where("round_id", .equal, roundID).groupBy("operator").groupBy("province_code").groupBy("status")
                .orderBy("operator").orderBy("province_code").orderBy("status").all().map { row in
                    RoundTally(
                        operatorID: try row.decode(column: "operator", as: String.self),
                        provinceCode: try row.optionalString("province_code") ?? "",
                        status: OutboundStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
                        messages: try row.decode(column: "messages", as: Int.self), units: try row.decode(column: "units", as: Int.self)
                    )
                }
    }

    /// Deletes sent messages created before `cutoff` (those still queued or being sent stay), with
    /// their parts' SMSC ids; the figures of their rounds are kept first. Receipts held since
    /// before `cutoff` go too. Returns how many messages were deleted.
    @discardableResult
    public func purgeMessages(createdBefore cutoff: Date) async throws -> Int {
        try await database.transaction { sql in
            let settled = [OutboundStatus.submitted, .delivered, .failed, .unconfirmed].map(\.rawValue)
            // A round's messages are all created when it is queued: the rounds queued before the
            // cutoff whose figures are not kept yet.
            let rounds = try await sql.select().column("id").from("campaign_rounds").where("queued_at", .lessThan, cutoff.unixSeconds)
                .where("figures", .is, SQLLiteral.null).all().map { try $0.decode(column: "id", as: Int64.self) }
            for round in rounds {
                let figures = try StoredJSON.text(try await Self.count(roundID: round, sql: sql))
                try await sql.update("campaign_rounds").set("figures", to: figures).where("id", .equal, round).run()
            }
            // A part is written after its message: those older than the cutoff belong to messages
            // deleted now (a later part of one of them goes with the next purge).
            try await sql.delete(from: "smsc_messages").where("created_at", .lessThan, cutoff.unixSeconds).run()
            try await sql.delete(from: "unmatched_receipts").where("received_at", .lessThan, cutoff.unixSeconds).run()
            return try await sql.delete(from: "outbound_messages").where("created_at", .lessThan, cutoff.unixSeconds).where("status", .in, settled)
                .returning("id").all().count
        }
    }
}

extension CampaignStatisticsRepository {
    /// The campaign rounds that were due from `start` up to (not including) `end`, by id.
    public func roundIDs(dueFrom start: Date, to end: Date) async throws -> [Int64] {
        try await database.withConnection { sql in
            try await sql.select().column("id").from("campaign_rounds").where("due_at", .greaterThanOrEqual, start.unixSeconds)
                .where("due_at", .lessThan, end.unixSeconds).orderBy("id").all(decodingColumn: "id", as: Int64.self)
        }
    }
}
