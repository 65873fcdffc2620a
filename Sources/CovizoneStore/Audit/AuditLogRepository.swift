import Foundation
import SQLKit

/// The append-only audit log of who read or exported personal data.
public struct AuditLogRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Appends `entry` (its `id` is ignored).
    public func append(_ entry: AuditEntry) async throws {
        try await database.withConnection { try await Self.append(entry, on: $0) }
    }

    /// Appends `entry` on `sql`, for a change whose audit entry must land in its own transaction.
    static func append(_ entry: AuditEntry, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "audit_log")
            .columns(
                "occurred_at", "actor_user_id", "actor", "action", "subject", "province_code", "request_id",
                "remote_address", "detail"
            )
            .values(
                SQLBind(entry.occurredAt.unixSeconds), SQLBind(entry.actorUserID), SQLBind(entry.actor),
                SQLBind(entry.action), SQLBind(entry.subject), SQLBind(entry.provinceCode), SQLBind(entry.requestID),
                SQLBind(entry.remoteAddress), SQLBind(entry.detail)
            )
            .run()
    }

    /// Entries newest first, older than the entry `beforeID` when given.
    public func list(beforeID: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await database.withConnection { sql in
            var query = sql.select().column("*").from("audit_log")
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try AuditEntry(row: $0) }
        }
    }

    /// The newest entries about `subject` (such as `users/12`), newest first.
    public func list(subject: String, limit: Int) async throws -> [AuditEntry] {
        try await database.withConnection { sql in
            try await sql.select().column("*").from("audit_log").where("subject", .equal, subject).orderBy("id", .descending).limit(limit).all()
                .map { try AuditEntry(row: $0) }
        }
    }

    /// Deletes entries older than `cutoff`; returns how many.
    @discardableResult
    public func deleteOlder(than cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "audit_log").where("occurred_at", .lessThan, cutoff.unixSeconds)
                .returning("id").all().count
        }
    }
}
