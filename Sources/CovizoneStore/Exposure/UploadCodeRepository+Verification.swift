import Foundation
import SQLKit

/// What became of a phone's attempt to claim an upload code or redeem its verification token.
public enum VerificationOutcome: Sendable, Equatable {
    case accepted(UploadCodeRecord)
    /// No such code or token.
    case notFound
    case expired
    /// Claimed or redeemed before.
    case alreadyUsed
}

extension UploadCodeRepository {
    /// Claims the code with SHA-256 `codeHash` (short or long form, each with its own lifetime) and
    /// attaches a verification token to it. A code is claimed at most once, even by racing phones.
    public func claim(codeHash: Data, tokenHash: Data, tokenExpiresAt: Date, now: Date) async throws -> VerificationOutcome {
        try await database.withConnection { sql in
            guard
                let row = try await sql.select().columns(UploadCodeRecord.columns + ["short_code_hash"]).from("exposure_upload_codes")
                    .where("short_code_hash", .equal, codeHash).orWhere("long_code_hash", .equal, codeHash)
                    .first()
            else { return .notFound }
            let record = try UploadCodeRecord(row: row)
            let isShortCode = try row.decode(column: "short_code_hash", as: Data.self) == codeHash
            let expiresAt = isShortCode ? record.details.shortExpiresAt : record.details.longExpiresAt
            if record.claimedAt != nil { return .alreadyUsed }
            if now >= expiresAt { return .expired }
            let claimed = try await sql.update("exposure_upload_codes")
                .set("claimed_at", to: now.unixSeconds).set("token_hash", to: tokenHash).set("token_expires_at", to: tokenExpiresAt.unixSeconds)
                .where("id", .equal, record.id).where("claimed_at", .is, SQLLiteral.null)
                .returning(UploadCodeRecord.columns.map { SQLColumn($0) })
                .first()
            return try claimed.map { .accepted(try UploadCodeRecord(row: $0)) } ?? .alreadyUsed
        }
    }

    /// Redeems the verification token with SHA-256 `tokenHash` once, marking its code used.
    public func redeem(tokenHash: Data, now: Date) async throws -> VerificationOutcome {
        try await database.withConnection { sql in
            guard
                let row = try await sql.select().columns(UploadCodeRecord.columns + ["token_expires_at"]).from("exposure_upload_codes")
                    .where("token_hash", .equal, tokenHash).first()
            else { return .notFound }
            let record = try UploadCodeRecord(row: row)
            if record.usedAt != nil { return .alreadyUsed }
            if now >= (try row.date("token_expires_at")) { return .expired }
            let redeemed = try await sql.update("exposure_upload_codes").set("used_at", to: now.unixSeconds)
                .where("id", .equal, record.id).where("used_at", .is, SQLLiteral.null)
                .returning(UploadCodeRecord.columns.map { SQLColumn($0) })
                .first()
            return try redeemed.map { .accepted(try UploadCodeRecord(row: $0)) } ?? .alreadyUsed
        }
    }
}
