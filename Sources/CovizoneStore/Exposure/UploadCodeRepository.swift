import Foundation
import SQLKit

/// Upload codes issued by health authorities.
public struct UploadCodeRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a code; `nil` when a code with the same hash already exists (the caller draws again).
    public func create(_ code: NewUploadCode) async throws -> UploadCodeRecord? {
        try await database.withConnection { sql in
            try await sql.insert(into: "exposure_upload_codes")
                .columns(
                    "short_code_hash", "long_code_hash", "test_type", "test_date", "symptom_date", "province_code", "issued_by", "issued_at",
                    "short_expires_at", "long_expires_at"
                )
                .values(
                    SQLBind(code.shortCodeHash), SQLBind(code.longCodeHash), SQLBind(code.details.testType), SQLBind(code.details.testDate),
                    SQLBind(code.details.symptomDate), SQLBind(code.details.provinceCode), SQLBind(code.details.issuedBy),
                    SQLBind(code.details.issuedAt.unixSeconds), SQLBind(code.details.shortExpiresAt.unixSeconds),
                    SQLBind(code.details.longExpiresAt.unixSeconds)
                )
                .ignoringConflicts()
                .returning(UploadCodeRecord.columns.map { SQLColumn($0) })
                .first()
                .map { try UploadCodeRecord(row: $0) }
        }
    }

    /// Codes newest first, older than `beforeID` when given, of one province or of all.
    public func list(provinceCode: String?, beforeID: Int64?, limit: Int) async throws -> [UploadCodeRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(UploadCodeRecord.columns).from("exposure_upload_codes")
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try UploadCodeRecord(row: $0) }
        }
    }

    /// Deletes codes whose long code expired before `cutoff`; returns how many.
    @discardableResult
    public func deleteExpired(before cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "exposure_upload_codes").where("long_expires_at", .lessThan, cutoff.unixSeconds)
                .returning("id").all().count
        }
    }

    /// How many codes `userID` issued since `since` (for the issuing rate limit).
    public func countIssued(by userID: Int64, since: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("exposure_upload_codes")
                .where("issued_by", .equal, userID)
                .where("issued_at", .greaterThanOrEqual, since.unixSeconds)
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
