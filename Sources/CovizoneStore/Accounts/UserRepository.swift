import CovizoneCore
import Foundation
import SQLKit

/// Accounts: create, find, list by province, change passwords.
public struct UserRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a new account without details. Throws ``StoreError/duplicate(_:)`` when the username is taken.
    @discardableResult
    public func create(username: String, passwordHash: String, role: Role, provinceCode: String?, at now: Date) async throws -> UserRecord {
        try await create(
            username: username, passwordHash: passwordHash, role: role, provinceCode: provinceCode, details: .empty,
            createdBy: nil, at: now
        )
    }

    public func find(username: String) async throws -> UserRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(UserRecord.columns).from("users")
                .where("username", .equal, username)
                .first()
                .map { try UserRecord(row: $0) }
        }
    }

    public func find(id: Int64) async throws -> UserRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(UserRecord.columns).from("users")
                .where("id", .equal, id)
                .first()
                .map { try UserRecord(row: $0) }
        }
    }

    /// Accounts ordered by id, after the account `afterID`, optionally only those of one province.
    public func list(provinceCode: String?, afterID: Int64?, limit: Int) async throws -> [UserRecord] {
        try await list(Filter(provinceCode: provinceCode), afterID: afterID, limit: limit)
    }

    /// Number of accounts.
    public func count() async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Replaces the password hash and ends every session of the account, so a stolen session
    /// or token stops working when the password is changed.
    public func setPasswordHash(username: String, passwordHash: String, at now: Date) async throws {
        try await database.transaction { sql in
            let row = try await sql.update("users")
                .set("password_hash", to: passwordHash)
                .set("password_changed_at", to: now.unixSeconds)
                .where("username", .equal, username)
                .returning("id")
                .first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else {
                throw StoreError.notFound("account \(username)")
            }
            try await sql.delete(from: "sessions").where("user_id", .equal, id).run()
        }
    }
}
