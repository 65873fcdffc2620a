import Foundation
import SQLKit

/// A single text waiting for the messaging layer.
public struct QueuedTextMessage: Sendable, Equatable {
    public var id: Int64
    public var phone: String
    public var body: String
    /// `one-time-code` or `reminder`.
    public var purpose: String
    public var status: String
    public var createdAt: Date
}

/// The outbox of single texts (one-time codes, reminders): queued here, sent by the messaging
/// layer (the campaigns issue's SMPP binds), deleted by the retention purge.
public struct TextMessageRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func enqueue(phone: String, body: String, purpose: String, at now: Date) async throws {
        try await database.withConnection { sql in
            try await sql.insert(into: "text_messages").columns("phone", "body", "purpose", "status", "created_at")
                .values(SQLBind(phone), SQLBind(body), SQLBind(purpose), SQLBind("queued"), SQLBind(now.unixSeconds)).run()
        }
    }

    /// Messages to one phone, newest first.
    public func messages(to phone: String, limit: Int) async throws -> [QueuedTextMessage] {
        try await database.withConnection { sql in
            try await sql.select().columns("id", "phone", "body", "purpose", "status", "created_at").from("text_messages").where("phone", .equal, phone)
                .orderBy("id", .descending).limit(limit).all().map { row in
                    QueuedTextMessage(
                        id: try row.decode(column: "id", as: Int64.self), phone: try row.decode(column: "phone", as: String.self),
                        body: try row.decode(column: "body", as: String.self), purpose: try row.decode(column: "purpose", as: String.self),
                        status: try row.decode(column: "status", as: String.self), createdAt: try row.date("created_at")
                    )
                }
        }
    }

    /// Deletes messages created before `cutoff`; returns how many.
    @discardableResult
    public func deleteOlder(than cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "text_messages").where("created_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }
}
