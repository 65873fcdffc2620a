import Foundation
import HealthDataExchange
import SQLKit

/// One side of a merge: a person's details, death, identifiers and hashed keys.
public struct HealthMergeSide: Codable, Sendable, Equatable {
    public var details: PersonDetails
    public var deceasedAt: Date?
    public var identifiers: [PersonIdentifier]
    public var keys: [String]
}

/// Where a merge stands: waiting for an officer, confirmed, or undone (split).
public enum HealthMergeStatus: String, Codable, Sendable, CaseIterable {
    case pending, confirmed, undone
}

/// A facility's report the exchange joined to a person another facility had reported.
public struct HealthMergeRecord: Sendable, Equatable {
    public var id: Int64
    public var patientID: Int64
    /// The facility whose report was joined.
    public var accountID: Int64
    public var provinceCode: String?
    /// `identifier` (the same identifier) or `person` (the same phone, name and birth date).
    public var matchedBy: String
    /// What the facility sent.
    public var incoming: HealthMergeSide
    /// The person as they stood before the facility's report joined them.
    public var previous: HealthMergeSide
    public var status: HealthMergeStatus
    public var createdAt: Date
    public var reviewedBy: Int64?
    public var reviewedAt: Date?
    /// The person the facility's reports went to when the merge was undone.
    public var splitPatientID: Int64?

    static let columns = [
        "id", "patient_id", "account_id", "province_code", "matched_by", "incoming", "previous", "status", "created_at", "reviewed_by", "reviewed_at",
        "split_patient_id",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        patientID = try row.decode(column: "patient_id", as: Int64.self)
        accountID = try row.decode(column: "account_id", as: Int64.self)
        provinceCode = try row.optionalString("province_code")
        matchedBy = try row.decode(column: "matched_by", as: String.self)
        incoming = try JSONDecoder().decode(HealthMergeSide.self, from: Data(try row.decode(column: "incoming", as: String.self).utf8))
        previous = try JSONDecoder().decode(HealthMergeSide.self, from: Data(try row.decode(column: "previous", as: String.self).utf8))
        status = try row.value("status", as: HealthMergeStatus.self)
        createdAt = try row.date("created_at")
        reviewedBy = try row.optionalInt64("reviewed_by")
        reviewedAt = try row.optionalDate("reviewed_at")
        splitPatientID = try row.optionalInt64("split_patient_id")
    }
}

/// The merge bookkeeping a submission does inside its transaction.
enum HealthMerges {
    /// The person an earlier split gave facility `accountID` instead of `patientID`, if any.
    static func splitTarget(of patientID: Int64, for accountID: Int64, on sql: any SQLDatabase) async throws -> Int64? {
        try await sql.select().column("split_patient_id").from("hx_patient_splits").where("patient_id", .equal, patientID).where("account_id", .equal, accountID)
            .first()?.decode(column: "split_patient_id", as: Int64.self)
    }

    /// Whether facility `accountID` has not reported patient `patientID` before.
    static func isNewSource(_ accountID: Int64, of patientID: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.select().column("patient_id").from("hx_patient_sources").where("patient_id", .equal, patientID).where("account_id", .equal, accountID)
            .first() == nil
    }

    /// Keeps the merge of `person` from `accountID` into patient `patientID` (as the patient stands
    /// now) for review by the province the patient is in once the report is taken.
    static func record(
        _ person: CaseSubmission.Person, into patientID: Int64, from accountID: Int64, matchedBy: String, keys: [String], at now: Date, on sql: any SQLDatabase
    ) async throws {
        guard let row = try await sql.select().columns(HealthPatientRecord.columns).from("hx_patients").where("id", .equal, patientID).first() else { return }
        let patient = try HealthPatientRecord(row: row)
        let identifiers = try await sql.select().columns("system", "value").from("hx_patient_identifiers").where("patient_id", .equal, patientID).all()
            .map { PersonIdentifier(system: try $0.decode(column: "system", as: String.self), value: try $0.decode(column: "value", as: String.self)) }
        let heldKeys = try await sql.select().column("key_hash").from("hx_patient_keys").where("patient_id", .equal, patientID).all()
            .map { try $0.decode(column: "key_hash", as: String.self) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let incoming = HealthMergeSide(details: person.details, deceasedAt: person.deceasedAt, identifiers: person.identifiers, keys: keys.sorted())
        let previous = HealthMergeSide(details: patient.details, deceasedAt: patient.deceasedAt, identifiers: identifiers, keys: heldKeys.sorted())
        try await sql.insert(into: "hx_merges")
            .columns("patient_id", "account_id", "province_code", "matched_by", "incoming", "previous", "status", "created_at")
            .values(
                SQLBind(patientID), SQLBind(accountID), SQLBind(person.details.provinceCode ?? patient.details.provinceCode), SQLBind(matchedBy),
                SQLBind(String(decoding: try encoder.encode(incoming), as: UTF8.self)), SQLBind(String(decoding: try encoder.encode(previous), as: UTF8.self)),
                SQLBind(HealthMergeStatus.pending.rawValue), SQLBind(now.unixSeconds)
            )
            .run()
    }
}
