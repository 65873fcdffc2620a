import Foundation
import SQLKit

/// Guesses of secrets (passwords, upload codes), kept for a short while to throttle guessing
/// across all instances. Each is recorded before it is checked and kept only when it was wrong.
public struct LoginFailureRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Records an attempt; returns its id, for ``forget(id:)`` once it proved right.
    @discardableResult
    public func record(username: String, remoteAddress: String, at now: Date) async throws -> Int64 {
        try await database.withConnection { sql in
            let row = try await sql.insert(into: "login_failures")
                .columns("username", "remote_address", "occurred_at")
                .values(SQLBind(username), SQLBind(remoteAddress), SQLBind(now.unixSeconds))
                .returning("id").first()
            guard let row else { throw StoreError.notFound("the attempt just recorded") }
            return try row.decode(column: "id", as: Int64.self)
        }
    }

    /// Forgets one attempt that proved right.
    public func forget(id: Int64) async throws {
        try await database.withConnection { sql in
            try await sql.delete(from: "login_failures").where("id", .equal, id).run()
        }
    }

    /// Attempts at `username` since `since` (from `remoteAddress` only, when given).
    public func count(username: String, remoteAddress: String? = nil, since: Date) async throws -> Int {
        try await database.withConnection { sql in
            var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("login_failures")
                .where("username", .equal, username).where("occurred_at", .greaterThanOrEqual, since.unixSeconds)
            if let remoteAddress { query = query.where("remote_address", .equal, remoteAddress) }
            return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Attempts from `remoteAddress` at any name since `since`.
    public func count(remoteAddress: String, since: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("login_failures")
                .where("remote_address", .equal, remoteAddress).where("occurred_at", .greaterThanOrEqual, since.unixSeconds)
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Forgets the failures of `username` after a successful login.
    public func clear(username: String) async throws {
        try await database.withConnection { sql in
            try await sql.delete(from: "login_failures").where("username", .equal, username).run()
        }
    }

    /// Deletes failures older than `cutoff`; returns how many.
    @discardableResult
    public func deleteOlder(than cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "login_failures").where("occurred_at", .lessThan, cutoff.unixSeconds)
                .returning("id").all().count
        }
    }

}
