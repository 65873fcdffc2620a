import CovizoneCore
import Foundation
import Messaging
import SQLKit

/// Moves the single texts other modules queue (one-time codes and reminders in `text_messages`,
/// outbreak warnings in `warning_queue`) into the outbound queue, ahead of campaign rounds. Each
/// row moves once: it is marked `handed` in the same transaction (rows another instance is moving
/// are skipped on PostgreSQL).
public struct SingleTextFeed: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Moves up to `limit` rows of each source; returns how many moved.
    @discardableResult
    public func feed(sender: String, limit: Int = 500, at now: Date) async throws -> Int {
        let isPostgres = database.engine == .postgres
        return try await database.transaction { sql in
            var moved = 0
            for source in [("text_messages", "body", "purpose"), ("warning_queue", "message", "'warning'")] {
                var select = sql.select().column("id").column("phone").column(SQLAlias(SQLColumn(source.1), as: "body"))
                    .column(SQLAlias(SQLRaw(source.2), as: "purpose")).from(source.0).where("status", .equal, "queued").orderBy("id").limit(limit)
                if isPostgres { select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
                let rows = try await select.all()
                guard !rows.isEmpty else { continue }
                var insert = sql.insert(into: "outbound_messages")
                    .columns("purpose", "priority", "phone", "operator", "sender", "body", "parts", "status", "reason", "not_before", "created_at", "updated_at")
                var ids: [Int64] = []
                for row in rows {
                    ids.append(try row.decode(column: "id", as: Int64.self))
                    let phone = try row.decode(column: "phone", as: String.self)
                    let body = try row.decode(column: "body", as: String.self)
                    let mobileOperator = PhoneNumber(phone).flatMap(MobileOperator.of)
                    let status = mobileOperator == nil ? OutboundStatus.failed : .queued
                    insert = insert.values(
                        SQLBind(try row.decode(column: "purpose", as: String.self)), SQLBind(OutboundPriority.transactional), SQLBind(phone),
                        SQLBind(mobileOperator?.id ?? "none"), SQLBind(sender), SQLBind(body), SQLBind(SMSMessage(body).partCount), SQLBind(status.rawValue),
                        SQLBind(mobileOperator == nil ? "not a Vietnamese mobile number" : nil), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds),
                        SQLBind(now.unixSeconds)
                    )
                }
                try await insert.run()
                try await sql.update(source.0).set("status", to: "handed").where("id", .in, ids).run()
                moved += rows.count
            }
            return moved
        }
    }
}
