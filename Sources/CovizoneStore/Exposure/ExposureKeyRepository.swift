import ExposureNotification
import Foundation
import SQLKit

/// One publish request that passed the policy, ready to be stored.
public struct KeyPublication: Sendable {
    /// The certificate's `jti` and expiry: each certificate publishes once.
    public var certificateID: String
    public var certificateExpiresAt: Date
    public var keys: [AcceptedKey]
    public var region: String
    /// SHA-256 of the revision token the phone sent, if any.
    public var presentedTokenHash: Data?
    /// SHA-256 of the revision token handed back for these keys.
    public var newTokenHash: Data
    public var now: Date
    /// `YYYY-MM-DD` under which the upload is counted for the statistics.
    public var statisticsDay: String

    public init(
        certificateID: String, certificateExpiresAt: Date, keys: [AcceptedKey], region: String, presentedTokenHash: Data?,
        newTokenHash: Data, now: Date, statisticsDay: String
    ) {
        self.certificateID = certificateID
        self.certificateExpiresAt = certificateExpiresAt
        self.keys = keys
        self.region = region
        self.presentedTokenHash = presentedTokenHash
        self.newTokenHash = newTokenHash
        self.now = now
        self.statisticsDay = statisticsDay
    }
}

/// Diagnosis keys published by phones, kept until they can no longer match (14 days).
public struct ExposureKeyRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a publication in one transaction: spends the certificate, inserts new keys and
    /// revises known ones as ``PublishPlan`` decides. Throws ``PublishRejection`` when the
    /// certificate was used before or a revision is not allowed; nothing is stored then.
    public func publish(_ publication: KeyPublication) async throws -> PublishPlan {
        try await database.transaction { sql in
            let spent = try await sql.insert(into: "exposure_used_certificates").columns("certificate_id", "expires_at")
                .values(SQLBind(publication.certificateID), SQLBind(publication.certificateExpiresAt.unixSeconds))
                .ignoringConflicts().returning("certificate_id").first()
            guard spent != nil else { throw PublishRejection(.certificateInvalid, "this verification certificate has already been used") }

            let keyData = publication.keys.map(\.diagnosisKey.key.keyData)
            let known = try await storedStates(of: keyData, presentedTokenHash: publication.presentedTokenHash, on: sql)
            let plan = try PublishPlan(accepted: publication.keys, stored: known, revisionTokenGiven: publication.presentedTokenHash != nil)
            try await insert(plan.newKeys, publication: publication, on: sql)
            for key in plan.revisedKeys {
                try await sql.update("exposure_keys")
                    .set("revised_at", to: publication.now.unixSeconds)
                    .set("revised_report_type", to: key.diagnosisKey.reportType.rawValue)
                    .set("revised_transmission_risk", to: key.diagnosisKey.transmissionRiskLevel)
                    .set("revised_days_since_onset", to: key.diagnosisKey.daysSinceOnsetOfSymptoms)
                    .where("key_data", .equal, key.diagnosisKey.key.keyData)
                    .run()
            }
            let stored = plan.newKeys.count + plan.revisedKeys.count
            try await sql.insert(into: "exposure_publish_counts").columns("day", "publishes", "keys")
                .values(SQLBind(publication.statisticsDay), SQLBind(1), SQLBind(stored))
                .onConflict(with: ["day"]) {
                    $0.set("publishes", to: SQLBinaryExpression(SQLColumn("publishes", table: "exposure_publish_counts"), .add, SQLBind(1)))
                        .set("keys", to: SQLBinaryExpression(SQLColumn("keys", table: "exposure_publish_counts"), .add, SQLBind(stored)))
                }
                .run()
            // New keys were inserted with the new token; keys stored before now answer to it too.
            if !known.isEmpty {
                try await sql.update("exposure_keys").set("revision_token_hash", to: publication.newTokenHash)
                    .where("key_data", .in, SQLBind.group(Array(known.keys))).run()
            }
            return plan
        }
    }

    private func storedStates(of keyData: [Data], presentedTokenHash: Data?, on sql: any SQLDatabase) async throws -> [Data: StoredKeyState] {
        let rows = try await sql.select().columns("key_data", "report_type", "revised_report_type", "revised_at", "revision_token_hash")
            .from("exposure_keys").where("key_data", .in, SQLBind.group(keyData)).all()
        var states: [Data: StoredKeyState] = [:]
        for row in rows {
            let reportType = try row.optionalInt64("revised_report_type") ?? row.decode(column: "report_type", as: Int64.self)
            states[try row.decode(column: "key_data", as: Data.self)] = StoredKeyState(
                reportType: ReportType(rawValue: Int(reportType)) ?? .unknown,
                isRevised: try row.optionalInt64("revised_at") != nil,
                revisionTokenMatches: try row.decode(column: "revision_token_hash", as: Data.self) == presentedTokenHash
            )
        }
        return states
    }

    private func insert(_ keys: [AcceptedKey], publication: KeyPublication, on sql: any SQLDatabase) async throws {
        guard !keys.isEmpty else { return }
        // The upload time is kept to the hour only: enough for statistics, not enough to link uploads.
        let createdAt = publication.now.unixSeconds - publication.now.unixSeconds % 3600
        var insert = sql.insert(into: "exposure_keys").columns(
            "key_data", "rolling_start", "rolling_period", "transmission_risk", "report_type", "days_since_onset", "region",
            "available_at", "created_at", "revision_token_hash"
        )
        for accepted in keys {
            let key = accepted.diagnosisKey
            insert = insert.values(
                SQLBind(key.key.keyData), SQLBind(Int64(key.key.rollingStartIntervalNumber.rawValue)), SQLBind(Int64(key.key.rollingPeriod)),
                SQLBind(key.transmissionRiskLevel), SQLBind(key.reportType.rawValue), SQLBind(key.daysSinceOnsetOfSymptoms),
                SQLBind(publication.region), SQLBind(max(publication.now, accepted.embargoedUntil ?? publication.now).unixSeconds),
                SQLBind(createdAt), SQLBind(publication.newTokenHash)
            )
        }
        try await insert.run()
    }

    /// Keys of `region` that became exportable in `[start, end)`.
    public func keys(region: String, availableFrom start: Date, to end: Date) async throws -> [DiagnosisKey] {
        try await keys(region: region, timeColumn: "available_at", valuesPrefix: "", from: start, to: end)
    }

    /// Keys of `region` revised in `[start, end)`, with their new report type.
    public func revisedKeys(region: String, revisedFrom start: Date, to end: Date) async throws -> [DiagnosisKey] {
        try await keys(region: region, timeColumn: "revised_at", valuesPrefix: "revised_", from: start, to: end)
    }

    /// Keys whose `timeColumn` lies in `[start, end)`, with the report type, risk and onset columns named with `valuesPrefix`.
    private func keys(region: String, timeColumn: String, valuesPrefix prefix: String, from start: Date, to end: Date) async throws -> [DiagnosisKey] {
        try await database.withConnection { sql in
            try await sql.select()
                .columns(["key_data", "rolling_start", "rolling_period"] + ["transmission_risk", "report_type", "days_since_onset"].map { prefix + $0 })
                .from("exposure_keys").where("region", .equal, region)
                .where(timeColumn, .greaterThanOrEqual, start.unixSeconds).where(timeColumn, .lessThan, end.unixSeconds)
                .all().map { try Self.diagnosisKey($0, prefix: prefix) }
        }
    }

    /// The earliest time at or after `notBefore` when a key of `region` became exportable or was revised.
    public func earliestChange(region: String, notBefore: Date?) async throws -> Date? {
        try await database.withConnection { sql in
            var earliest: Int64?
            for column in ["available_at", "revised_at"] {
                var query = sql.select().column(SQLFunction("MIN", args: SQLColumn(column)), as: "first").from("exposure_keys")
                    .where("region", .equal, region)
                if let notBefore { query = query.where(column, .greaterThanOrEqual, notBefore.unixSeconds) }
                if let first = try await query.first()?.optionalInt64("first") { earliest = min(earliest ?? first, first) }
            }
            return earliest.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
    }

    /// Deletes keys that stopped rolling before `cutoff` and certificates that expired before it.
    @discardableResult
    public func deleteExpired(before cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            let lastStart = Int64(ENIntervalNumber(date: cutoff).rawValue) - Int64(ENIntervalNumber.intervalsPerDay)
            try await sql.delete(from: "exposure_used_certificates").where("expires_at", .lessThan, cutoff.unixSeconds).run()
            return try await sql.delete(from: "exposure_keys").where("rolling_start", .lessThan, lastStart).returning("key_data").all().count
        }
    }

    private static func diagnosisKey(_ row: any SQLRow, prefix: String) throws -> DiagnosisKey {
        DiagnosisKey(
            key: try TemporaryExposureKey(
                keyData: try row.decode(column: "key_data", as: Data.self),
                rollingStartIntervalNumber: ENIntervalNumber(rawValue: UInt32(try row.decode(column: "rolling_start", as: Int64.self))),
                rollingPeriod: UInt32(try row.decode(column: "rolling_period", as: Int64.self))
            ),
            reportType: ReportType(rawValue: Int(try row.decode(column: prefix + "report_type", as: Int64.self))) ?? .unknown,
            daysSinceOnsetOfSymptoms: try row.optionalInt64(prefix + "days_since_onset").map(Int.init),
            transmissionRiskLevel: Int(try row.decode(column: prefix + "transmission_risk", as: Int64.self))
        )
    }
}
