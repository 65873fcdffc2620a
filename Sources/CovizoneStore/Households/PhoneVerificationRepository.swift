import Foundation
import SQLKit

/// One-time codes that prove a household owns its phone, stored as hashes.
public struct PhoneVerificationRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// How did a code check go.
    public enum Outcome: Sendable, Equatable {
        case verified
        case wrongCode
        /// No live code for the phone, or too many wrong tries on it.
        case noLiveCode
    }

    public func start(phone: String, codeHash: Data, at now: Date, expiresAt: Date) async throws {
        try await database.withConnection { sql in
            try await sql.insert(into: "phone_verifications").columns("phone", "code_hash", "attempts", "created_at", "expires_at")
                .values(SQLBind(phone), SQLBind(codeHash), SQLBind(0), SQLBind(now.unixSeconds), SQLBind(expiresAt.unixSeconds)).run()
        }
    }

    /// Checks `codeHash` against the newest live code of `phone` (at most `maximumAttempts` tries
    /// each); a verified code is used up, with every other code of the phone (they expire now,
    /// and still count for the sending limit until the purge). The code is locked while it is
    /// checked, so parallel guesses take their tries one after another and never more than
    /// `maximumAttempts` of them are compared.
    public func verify(phone: String, codeHash: Data, at now: Date, maximumAttempts: Int) async throws -> Outcome {
        try await database.transaction { sql in
            let live = try await sql.select().columns("id", "code_hash", "attempts").from("phone_verifications").where("phone", .equal, phone)
                .where("expires_at", .greaterThan, now.unixSeconds).orderBy("id", .descending).limit(1).for(.update).first()
            guard let live, try live.decode(column: "attempts", as: Int.self) < maximumAttempts else { return .noLiveCode }
            let id = try live.decode(column: "id", as: Int64.self)
            guard try live.decode(column: "code_hash", as: Data.self) == codeHash else {
                try await sql.update("phone_verifications").set("attempts", to: SQLBinaryExpression(SQLColumn("attempts"), .add, SQLLiteral.numeric("1")))
                    .where("id", .equal, id).run()
                return .wrongCode
            }
            try await sql.update("phone_verifications").set("expires_at", to: now.unixSeconds).where("phone", .equal, phone).run()
            return .verified
        }
    }

    /// Deletes codes that expired before `cutoff`; returns how many.
    @discardableResult
    public func deleteExpired(before cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "phone_verifications").where("expires_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }
}
