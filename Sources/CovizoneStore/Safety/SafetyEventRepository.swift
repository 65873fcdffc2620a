import FacilitySafety
import Foundation
import SQLKit

/// A change of a facility's colour, as the live map receives it.
public struct SafetyEvent: Sendable, Equatable {
    public var id: Int64
    public var facilityID: Int64
    public var status: SafetyStatus
    public var score: Int?
    public var reportedAt: Date?
}

/// The change table every instance polls to push live map updates: written in the transaction
/// that changes a facility, read in id order, kept a day.
public struct SafetyEventRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Events after `afterID`, oldest first.
    public func events(after afterID: Int64, limit: Int) async throws -> [SafetyEvent] {
        try await database.withConnection { sql in
            try await sql.select().columns("id", "facility_id", "status", "score", "reported_at").from("safety_events").where("id", .greaterThan, afterID)
                .orderBy("id").limit(limit).all()
                .map { row in
                    SafetyEvent(
                        id: try row.decode(column: "id", as: Int64.self), facilityID: try row.decode(column: "facility_id", as: Int64.self),
                        status: try row.value("status", as: SafetyStatus.self), score: try row.optionalInt64("score").map(Int.init),
                        reportedAt: try row.optionalInt64("reported_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
                    )
                }
        }
    }

    /// The newest event's id (0 when there is none): where a new listener starts.
    public func latestID() async throws -> Int64 {
        try await database.withConnection { sql in
            try await sql.raw("SELECT MAX(id) AS id FROM safety_events").first()?.optionalInt64("id") ?? 0
        }
    }

    /// Deletes events written before `cutoff`; returns how many went.
    public func deleteOlder(than cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "safety_events").where("created_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }

    /// Records the standing of `facility` on day `today`, inside the caller's transaction.
    static func append(_ facility: FacilityRecord, today: Int, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "safety_events").columns("facility_id", "status", "score", "reported_at", "created_at")
            .values(
                SQLBind(facility.id), SQLBind(facility.status(today: today).rawValue), SQLBind(facility.latest.map { Int64($0.score) }),
                SQLBind(facility.latest?.reportedAt.unixSeconds), SQLBind(now.unixSeconds)
            )
            .run()
    }
}
