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

/// Counts of a round's messages, for the campaign page, its CSV and the communication reports.
public struct CampaignStatisticsRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func tallies(roundID: Int64) async throws -> [RoundTally] {
        try await database.withConnection { sql in
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
    }
}
