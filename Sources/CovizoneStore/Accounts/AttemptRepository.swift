import Foundation
import SQLKit

/// Costly attempts (guesses of passwords and upload codes, one-time codes asked for), kept for a
/// short while to throttle them across all instances. Each is recorded before it is checked and
/// kept only when it was wrong (or, for a code sent, for its window).
public struct AttemptRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What ``attempt(name:remoteAddress:at:since:)`` counted, with the attempt itself.
    public struct Counted: Sendable, Equatable {
        /// The attempt's id, for ``forget(id:)``.
        public var id: Int64
        public var byName: Int
        public var byAddress: Int
        public var byNameAndAddress: Int
    }

    /// Records an attempt, then counts the attempts since `since` at its name, from its address,
    /// and both. The attempt is committed before it is counted (on SQLite the two are one
    /// serialized transaction), so that of attempts made at once, the n-th to be recorded counts
    /// at least n: a limit checked on these counts lets no more attempts through than it allows.
    public func attempt(name: String, remoteAddress: String, at now: Date, since: Date) async throws -> Counted {
        let body: @Sendable (any SQLDatabase) async throws -> Counted = { sql in
            guard let id = try await sql.insert(into: "attempts").columns("name", "remote_address", "occurred_at")
                .values(SQLBind(name), SQLBind(remoteAddress), SQLBind(now.unixSeconds)).returning("id").first(decodingColumn: "id", as: Int64.self)
            else { throw StoreError.notFound("the attempt just recorded") }
            let recent = SQLBinaryExpression(SQLColumn("occurred_at"), .greaterThanOrEqual, SQLBind(since.unixSeconds))
            func count(_ condition: any SQLExpression) async throws -> Int {
                try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("attempts").where(condition).where(recent)
                    .first()?.decode(column: "n", as: Int.self) ?? 0
            }
            let byName = SQLBinaryExpression(SQLColumn("name"), .equal, SQLBind(name))
            let address = SQLBinaryExpression(SQLColumn("remote_address"), .equal, SQLBind(remoteAddress))
            return Counted(
                id: id, byName: try await count(byName), byAddress: try await count(address),
                byNameAndAddress: try await count(SQLBinaryExpression(byName, .and, address))
            )
        }
        return database.engine == .sqlite ? try await database.transaction(body) : try await database.withConnection(body)
    }

    /// Forgets one attempt that proved right.
    public func forget(id: Int64) async throws {
        try await database.withConnection { sql in
            try await sql.delete(from: "attempts").where("id", .equal, id).run()
        }
    }

    /// Forgets the failed attempts at `name` (an account, after it signed in).
    public func clear(name: String) async throws {
        try await database.withConnection { sql in
            try await sql.delete(from: "attempts").where("name", .equal, name).run()
        }
    }

    /// Deletes attempts older than `cutoff`; returns how many.
    @discardableResult
    public func deleteOlder(than cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "attempts").where("occurred_at", .lessThan, cutoff.unixSeconds)
                .returning("id").all().count
        }
    }
}
