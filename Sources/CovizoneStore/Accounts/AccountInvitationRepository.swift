import CovizoneCore
import Foundation
import SQLKit

/// One-time links with which a person sets the password of an account made for them: stored as
/// hashes, valid until they expire, used once; a new one ends the account's earlier ones.
public struct AccountInvitationRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What redeeming a token came to.
    public enum Redemption: Sendable, Equatable {
        case accepted(UserRecord)
        /// No such token, already used, replaced, expired, or its account disabled.
        case invalid
    }

    /// An account to create without a password, and the hash of its invitation's token.
    public struct InvitedAccount: Sendable {
        public var username: String
        public var role: Role
        public var provinceCode: String?
        public var details: AccountDetails
        public var tokenHash: Data

        public init(username: String, role: Role, provinceCode: String?, details: AccountDetails, tokenHash: Data) {
            self.username = username
            self.role = role
            self.provinceCode = provinceCode
            self.details = details
            self.tokenHash = tokenHash
        }
    }

    /// Creates every account of `accounts` with its invitation, or none (a taken username throws
    /// ``StoreError/duplicate(_:)`` and nothing stays).
    public func createInvited(_ accounts: [InvitedAccount], by creator: String, at now: Date, expiresAt: Date) async throws -> [UserRecord] {
        try await database.transaction { sql in
            var created: [UserRecord] = []
            for account in accounts {
                let user = try await UserRepository.insert(
                    username: account.username, passwordHash: UserRecord.noPassword, role: account.role, provinceCode: account.provinceCode,
                    details: account.details, createdBy: creator, at: now, on: sql
                )
                try await sql.insert(into: "account_invitations").columns("user_id", "token_hash", "created_by", "created_at", "expires_at")
                    .values(SQLBind(user.id), SQLBind(account.tokenHash), SQLBind(creator), SQLBind(now.unixSeconds), SQLBind(expiresAt.unixSeconds)).run()
                created.append(user)
            }
            return created
        }
    }

    /// Stores a new invitation for `userID`; earlier unused ones of the account stop working.
    public func create(userID: Int64, tokenHash: Data, by creator: String, at now: Date, expiresAt: Date) async throws {
        try await database.transaction { sql in
            try await sql.update("account_invitations").set("expires_at", to: now.unixSeconds)
                .where("user_id", .equal, userID).where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now.unixSeconds).run()
            try await sql.insert(into: "account_invitations").columns("user_id", "token_hash", "created_by", "created_at", "expires_at")
                .values(SQLBind(userID), SQLBind(tokenHash), SQLBind(creator), SQLBind(now.unixSeconds), SQLBind(expiresAt.unixSeconds)).run()
        }
    }

    /// Whether `tokenHash` is an invitation that can still be used (its account may be disabled
    /// meanwhile: ``redeem(tokenHash:passwordHash:at:)`` decides).
    public func isLive(tokenHash: Data, at now: Date) async throws -> Bool {
        try await database.withConnection { sql in
            try await sql.select().column("id").from("account_invitations").where("token_hash", .equal, SQLBind(tokenHash))
                .where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now.unixSeconds).first() != nil
        }
    }

    /// Uses the live invitation `tokenHash` to set its account's password (ending the account's
    /// sessions), once.
    public func redeem(tokenHash: Data, passwordHash: String, at now: Date) async throws -> Redemption {
        try await database.transaction { sql in
            let used = try await sql.update("account_invitations").set("used_at", to: now.unixSeconds)
                .where("token_hash", .equal, SQLBind(tokenHash)).where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now.unixSeconds)
                .returning("user_id").first()
            guard let userID = try used?.decode(column: "user_id", as: Int64.self) else { return .invalid }
            let updated = try await sql.update("users").set("password_hash", to: passwordHash).set("password_changed_at", to: now.unixSeconds)
                .where("id", .equal, userID).where("disabled_at", .is, SQLLiteral.null).returning(SQLColumn("*")).first()
            guard let updated else { return .invalid }
            try await sql.delete(from: "sessions").where("user_id", .equal, userID).run()
            return .accepted(try UserRecord(row: updated))
        }
    }

    /// When the account's newest invitation expires and whether it was used (nil: none).
    public func newest(userID: Int64) async throws -> (expiresAt: Date, used: Bool)? {
        try await database.withConnection { sql in
            guard let row = try await sql.select().column("expires_at").column("used_at").from("account_invitations").where("user_id", .equal, userID)
                .orderBy("id", .descending).limit(1).first()
            else { return nil }
            return (try row.date("expires_at"), try row.optionalInt64("used_at") != nil)
        }
    }
}
