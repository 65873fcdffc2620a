import Foundation
import HealthDataExchange
import SQLKit

/// The merges officers review: listed by status and province, confirmed, or undone — the
/// facility's reports of the person split off to a person of their own, who keeps them from then on.
public struct HealthMergeRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Why a merge cannot be changed.
    public enum Refusal: Error, Equatable {
        /// It was undone already (or, to confirm, is no longer pending).
        case settled(HealthMergeStatus)
    }

    /// The merges in `status` (of `provinceCode`, or every province), newest first, below `beforeID`.
    public func merges(status: HealthMergeStatus?, provinceCode: String?, beforeID: Int64?, limit: Int) async throws -> [HealthMergeRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(HealthMergeRecord.columns).from("hx_merges")
            if let status { query = query.where("status", .equal, status.rawValue) }
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map(HealthMergeRecord.init(row:))
        }
    }

    public func merge(id: Int64) async throws -> HealthMergeRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(HealthMergeRecord.columns).from("hx_merges").where("id", .equal, id).first().map(HealthMergeRecord.init(row:))
        }
    }

    /// Marks pending merge `id` right, by officer `reviewerID`.
    public func confirm(id: Int64, by reviewerID: Int64, at now: Date) async throws -> HealthMergeRecord {
        try await database.transaction { sql in
            let changed = try await sql.update("hx_merges").set("status", to: HealthMergeStatus.confirmed.rawValue).set("reviewed_by", to: reviewerID)
                .set("reviewed_at", to: now.unixSeconds).where("id", .equal, id).where("status", .equal, HealthMergeStatus.pending.rawValue)
                .returning(HealthMergeRecord.columns.map { SQLColumn($0) }).first()
            guard let changed else { throw try await Self.refusal(of: id, on: sql) }
            return try HealthMergeRecord(row: changed)
        }
    }

    /// Undoes merge `id`: a new person from what the facility sent takes the facility's records,
    /// reported events, source, and the identifiers and keys only it brought; what the report
    /// changed of the person goes back; both cases are settled again from their events; and the
    /// facility's later reports of them go to the new person.
    public func undo(id: Int64, by reviewerID: Int64, at now: Date) async throws -> HealthMergeRecord {
        let isPostgres = database.engine == .postgres
        return try await database.transaction { sql in
            if isPostgres { try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: HealthExchangeRepository.undoLock))").run() }
            let marked = try await sql.update("hx_merges").set("status", to: HealthMergeStatus.undone.rawValue).set("reviewed_by", to: reviewerID)
                .set("reviewed_at", to: now.unixSeconds).where("id", .equal, id).where("status", .notEqual, HealthMergeStatus.undone.rawValue)
                .returning(HealthMergeRecord.columns.map { SQLColumn($0) }).first()
            guard let marked else { throw try await Self.refusal(of: id, on: sql) }
            var merge = try HealthMergeRecord(row: marked)
            let (person, facility) = (merge.patientID, merge.accountID)
            let details = merge.incoming.details
            guard let row = try await sql.insert(into: "hx_patients")
                .columns(
                    "name", "birth_date", "gender", "phone", "province_code", "ward_code", "address", "deceased_at", "status", "status_at", "created_at", "updated_at"
                )
                .values(
                    SQLBind(details.name), SQLBind(details.birthDate), SQLBind(details.gender), SQLBind(details.phone),
                    SQLBind(details.provinceCode ?? merge.previous.details.provinceCode), SQLBind(details.wardCode), SQLBind(details.address),
                    SQLBind(merge.incoming.deceasedAt?.unixSeconds), SQLBind(CaseStatus.suspected.rawValue), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds),
                    SQLBind(now.unixSeconds)
                )
                .returning("id").first()
            else { throw StoreError.notFound("the split patient") }
            let split = try row.decode(column: "id", as: Int64.self)
            for table in ["hx_records", "hx_case_events", "hx_patient_sources"] {
                try await sql.update(table).set("patient_id", to: split).where("patient_id", .equal, person).where("account_id", .equal, facility).run()
            }
            for identifier in merge.incoming.identifiers {
                try await sql.insert(into: "hx_patient_identifiers").columns("patient_id", "system", "value")
                    .values(SQLBind(split), SQLBind(identifier.system), SQLBind(identifier.value)).ignoringConflicts(with: ["patient_id", "system", "value"]).run()
                guard !merge.previous.identifiers.contains(identifier) else { continue }
                try await sql.delete(from: "hx_patient_identifiers").where("patient_id", .equal, person).where("system", .equal, identifier.system)
                    .where("value", .equal, identifier.value).run()
            }
            let brought = Set(merge.incoming.keys).subtracting(merge.previous.keys)
            if !brought.isEmpty {
                try await sql.update("hx_patient_keys").set("patient_id", to: split).where("patient_id", .equal, person).where("key_hash", .in, Array(brought)).run()
            }
            try await sql.insert(into: "hx_patient_splits").columns("patient_id", "account_id", "split_patient_id")
                .values(SQLBind(person), SQLBind(facility), SQLBind(split)).ignoringConflicts(with: ["patient_id", "account_id"]).run()
            try await Self.restore(person, from: merge, at: now, on: sql)
            for patient in [person, split] { try await HealthExchangeRepository.settle(patient, on: sql) }
            try await sql.update("hx_merges").set("split_patient_id", to: split).where("id", .equal, id).run()
            merge.splitPatientID = split
            return merge
        }
    }

    /// Gives patient `id` back what `merge`'s report changed: each detail (and the death) that
    /// still reads as the facility sent it returns to what it was; what others sent since stays.
    private static func restore(_ id: Int64, from merge: HealthMergeRecord, at now: Date, on sql: any SQLDatabase) async throws {
        guard let row = try await sql.select().columns(HealthPatientRecord.columns).from("hx_patients").where("id", .equal, id).first() else { return }
        let current = try HealthPatientRecord(row: row)
        let (sent, before) = (merge.incoming.details, merge.previous.details)
        func restored<Value: Equatable>(_ field: KeyPath<PersonDetails, Value>) -> Value {
            current.details[keyPath: field] == sent[keyPath: field] ? before[keyPath: field] : current.details[keyPath: field]
        }
        let death = current.deceasedAt == merge.incoming.deceasedAt ? merge.previous.deceasedAt : current.deceasedAt
        try await sql.update("hx_patients").set("name", to: restored(\.name)).set("birth_date", to: restored(\.birthDate)).set("gender", to: restored(\.gender))
            .set("phone", to: restored(\.phone)).set("province_code", to: restored(\.provinceCode)).set("ward_code", to: restored(\.wardCode))
            .set("address", to: restored(\.address)).set("deceased_at", to: death?.unixSeconds).set("updated_at", to: now.unixSeconds).where("id", .equal, id).run()
    }

    /// Why merge `id` could not be changed: it does not exist, or where it stands.
    private static func refusal(of id: Int64, on sql: any SQLDatabase) async throws -> any Error {
        guard let row = try await sql.select().column("status").from("hx_merges").where("id", .equal, id).first() else {
            return StoreError.notFound("merge \(id)")
        }
        return Refusal.settled(try row.value("status", as: HealthMergeStatus.self))
    }
}
