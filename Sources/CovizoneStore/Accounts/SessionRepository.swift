import Foundation
import SQLKit

/// Sessions and tokens, found by the SHA-256 hash of the secret the client holds.
public struct SessionRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a session for `userID`, valid until `expiresAt`.
    public func create(
        tokenHash: Data, userID: Int64, kind: SessionRecord.Kind, csrfToken: String?, at now: Date, expiresAt: Date
    ) async throws {
        try await database.withConnection { sql in
            try await sql.insert(into: "sessions")
                .columns("token_hash", "user_id", "kind", "csrf_token", "created_at", "expires_at")
                .values(
                    SQLBind(tokenHash), SQLBind(userID), SQLBind(kind.rawValue), SQLBind(csrfToken),
                    SQLBind(now.unixSeconds), SQLBind(expiresAt.unixSeconds)
                )
                .run()
        }
    }

    /// The unexpired session with this token hash and its account.
    public func findActive(tokenHash: Data, kind: SessionRecord.Kind, at now: Date) async throws -> (SessionRecord, UserRecord)? {
        try await database.withConnection { sql in
            let userColumns = UserRecord.columns.map { SQLAlias(SQLColumn($0, table: "u"), as: "u_" + $0) }
            let row = try await sql.select()
                .column(SQLAlias(SQLColumn("id", table: "s"), as: "session_id"))
                .column(SQLColumn("kind", table: "s"))
                .column(SQLColumn("user_id", table: "s"))
                .column(SQLColumn("csrf_token", table: "s"))
                .column(SQLAlias(SQLColumn("created_at", table: "s"), as: "session_created_at"))
                .column(SQLColumn("expires_at", table: "s"))
                .columns(userColumns)
                .from(SQLAlias(SQLIdentifier("sessions"), as: SQLIdentifier("s")))
                .join(SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), on: SQLColumn("user_id", table: "s"), .equal, SQLColumn("id", table: "u"))
                .where(SQLColumn("token_hash", table: "s"), .equal, SQLBind(tokenHash))
                .where(SQLColumn("kind", table: "s"), .equal, SQLBind(kind.rawValue))
                .where(SQLColumn("expires_at", table: "s"), .greaterThan, SQLBind(now.unixSeconds))
                .where(SQLColumn("disabled_at", table: "u"), .is, SQLLiteral.null)
                .first()
            guard let row else { return nil }
            return (try SessionRecord(row: row), try UserRecord(row: row, prefix: "u_"))
        }
    }

    /// Ends the session with this token hash (sign-out).
    public func delete(tokenHash: Data) async throws {
        try await database.withConnection { sql in
            try await sql.delete(from: "sessions").where("token_hash", .equal, SQLBind(tokenHash)).run()
        }
    }

    /// Deletes sessions that expired before `now`; returns how many.
    @discardableResult
    public func deleteExpired(at now: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "sessions").where("expires_at", .lessThanOrEqual, now.unixSeconds)
                .returning("id").all().count
        }
    }
}
