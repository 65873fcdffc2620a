import Foundation
import SQLKit

/// Failed logins, kept for a short while to throttle password guessing across all instances.
public struct LoginFailureRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func record(username: String, remoteAddress: String, at now: Date) async throws {
        try await database.withConnection { sql in
            try await sql.insert(into: "login_failures")
                .columns("username", "remote_address", "occurred_at")
                .values(SQLBind(username), SQLBind(remoteAddress), SQLBind(now.unixSeconds))
                .run()
        }
    }

    /// Failures for `username` and from `remoteAddress` since `since`.
    public func counts(username: String, remoteAddress: String, since: Date) async throws -> (account: Int, address: Int) {
        try await database.withConnection { sql in
            async let account = count(sql, column: "username", value: username, since: since)
            async let address = count(sql, column: "remote_address", value: remoteAddress, since: since)
            return try await (account, address)
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

    private func count(_ sql: any SQLDatabase, column: String, value: String, since: Date) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("login_failures")
            .where(SQLIdentifier(column), .equal, SQLBind(value))
            .where("occurred_at", .greaterThanOrEqual, since.unixSeconds)
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
