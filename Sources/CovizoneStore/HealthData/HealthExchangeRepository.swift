import Crypto
import Foundation
import HealthDataExchange
import SQLKit

/// The exchange's store: a submission stored in one transaction — each person found again by a
/// hashed key or added, their identifiers and sources kept, the records written, and the case's
/// status moved on by what the records say — and read back by id, identifier or patient.
public struct HealthExchangeRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A record to write: its entry, kind, time, and its FHIR JSON once its patient's id is known
    /// (the resource as sent, its subject our patient; its id is the row's, set when it is read).
    public struct NewRecord: Sendable {
        public var entry: Int
        public var subject: CaseSubmission.Subject
        public var kind: String
        public var resource: @Sendable (_ patientID: Int64) throws -> String
        public var at: Date

        public init(entry: Int, subject: CaseSubmission.Subject, kind: String, at: Date, resource: @escaping @Sendable (Int64) throws -> String) {
            self.entry = entry
            self.subject = subject
            self.kind = kind
            self.at = at
            self.resource = resource
        }
    }

    /// What storing did: each entry's id, and whether its patient was new.
    public struct Stored: Sendable, Equatable {
        public var ids: [Int: Int64] = [:]
        public var created: Set<Int> = []
    }

    /// Why a submission cannot be stored.
    public enum Refusal: Error, Equatable {
        /// A stored patient it names does not exist (entry, id).
        case unknownPatient(entry: Int, id: String)
    }

    /// Stores `submission` from facility `accountID` (its province for people without one).
    public func store(
        _ submission: CaseSubmission, records: [NewRecord], by accountID: Int64, facilityProvince: String?, at now: Date
    ) async throws -> Stored {
        let isPostgres = database.engine == .postgres
        return try await database.transaction { sql in
            if isPostgres {
                // Reports wait for a merge being undone (which holds this lock alone), not for each other.
                try await sql.raw("SELECT pg_advisory_xact_lock_shared(\(bind: Self.undoLock))").run()
                // Two reports of one new person at once make one patient: each waits for the other's keys.
                for key in Set(submission.people.flatMap(Self.keyHashes)).sorted() {
                    try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockNumber(key)))").run()
                }
            }
            var matches: [Int: Match] = [:]
            for person in submission.people { matches[person.entry] = try await Self.match(person, from: accountID, on: sql) }
            if isPostgres {
                // The people found are locked in id order, so that two reports naming them in another order wait rather than deadlock.
                let stored = records.compactMap { if case .stored(let text) = $0.subject { Int64(text) } else { nil } }
                let ids = Set(matches.values.map(\.patient) + stored).sorted()
                if !ids.isEmpty { _ = try await sql.select().column("id").from("hx_patients").where("id", .in, ids).orderBy("id").for(.update).all() }
            }
            var stored = Stored()
            var patientOf: [Int: Int64] = [:]
            for person in submission.people {
                let (id, isNew) = try await Self.patient(
                    for: person, match: matches[person.entry], from: accountID, facilityProvince: facilityProvince, at: now, on: sql
                )
                patientOf[person.entry] = id
                stored.ids[person.entry] = id
                if isNew { stored.created.insert(person.entry) }
                try await sql.insert(into: "hx_patient_sources").columns("patient_id", "account_id", "first_at")
                    .values(SQLBind(id), SQLBind(accountID), SQLBind(now.unixSeconds)).ignoringConflicts(with: ["patient_id", "account_id"]).run()
            }
            func patientID(_ subject: CaseSubmission.Subject, entry: Int) async throws -> Int64 {
                switch subject {
                case .entry(let index):
                    guard let id = patientOf[index] else { throw Refusal.unknownPatient(entry: entry, id: "entry \(index)") }
                    return id
                case .stored(let text):
                    guard let id = Int64(text), try await sql.select().column("id").from("hx_patients").where("id", .equal, id).first() != nil else {
                        throw Refusal.unknownPatient(entry: entry, id: text)
                    }
                    return id
                }
            }
            var subjects: [CaseSubmission.Subject: Int64] = [:]
            for record in records {
                let patient = try await patientID(record.subject, entry: record.entry)
                subjects[record.subject] = patient
                guard let row = try await sql.insert(into: "hx_records").columns("patient_id", "account_id", "kind", "resource", "at", "created_at")
                    .values(
                        SQLBind(patient), SQLBind(accountID), SQLBind(record.kind), SQLBind(try record.resource(patient)), SQLBind(record.at.unixSeconds),
                        SQLBind(now.unixSeconds)
                    )
                    .returning("id").first()
                else { throw StoreError.notFound("the new record") }
                stored.ids[record.entry] = try row.decode(column: "id", as: Int64.self)
            }
            for person in submission.people { subjects[.entry(person.entry)] = patientOf[person.entry] }
            for (subject, patient) in subjects {
                var events = submission.events(of: subject, reportedAt: now)
                if case .entry(let index) = subject, stored.created.contains(index) { events = CaseEvent.opening(of: events, reportedAt: now) }
                try await Self.report(events, about: patient, by: accountID, on: sql)
            }
            return stored
        }
    }

    /// The stored patient a person of a submission is: the one a PUT names, or the one holding
    /// any of its keys (or, for a facility a merge was split for, the person the split gave it).
    struct Match {
        var patient: Int64
        /// The patient its key found, before any split.
        var matched: Int64
        /// The key that found it (nil for a PUT).
        var keyHash: String?
    }

    static func match(_ person: CaseSubmission.Person, from accountID: Int64, on sql: any SQLDatabase) async throws -> Match? {
        if let stored = person.storedID {
            guard let id = Int64(stored), try await sql.select().column("id").from("hx_patients").where("id", .equal, id).first() != nil else {
                throw Refusal.unknownPatient(entry: person.entry, id: stored)
            }
            return Match(patient: id, matched: id, keyHash: nil)
        }
        let hashes = keyHashes(of: person)
        guard !hashes.isEmpty,
            let row = try await sql.select().columns("patient_id", "key_hash").from("hx_patient_keys").where("key_hash", .in, hashes).orderBy("key_hash").limit(1).first()
        else { return nil }
        let matched = try row.decode(column: "patient_id", as: Int64.self)
        return Match(
            patient: try await HealthMerges.splitTarget(of: matched, for: accountID, on: sql) ?? matched, matched: matched,
            keyHash: try row.decode(column: "key_hash", as: String.self)
        )
    }

    /// The patient `person` is (`match`), updated; or a new one. Joining a person another
    /// facility reported is kept as a merge for officers to review.
    private static func patient(
        for person: CaseSubmission.Person, match: Match?, from accountID: Int64, facilityProvince: String?, at now: Date, on sql: any SQLDatabase
    ) async throws -> (id: Int64, isNew: Bool) {
        let hashes = keyHashes(of: person)
        let found = match?.patient
        if let match, let keyHash = match.keyHash, match.patient == match.matched, try await HealthMerges.isNewSource(accountID, of: match.patient, on: sql) {
            let identifierKeys = Set(person.identifiers.map { hash("id|\($0.system)|\($0.value)") })
            try await HealthMerges.record(
                person, into: match.patient, from: accountID, matchedBy: identifierKeys.contains(keyHash) ? "identifier" : "person", keys: hashes, at: now, on: sql
            )
        }
        let id: Int64
        if let found {
            id = found
            let details = person.details
            var update = sql.update("hx_patients").set("name", to: details.name).set("updated_at", to: now.unixSeconds)
            if let birthDate = details.birthDate { update = update.set("birth_date", to: birthDate) }
            if let gender = details.gender { update = update.set("gender", to: gender) }
            if let phone = details.phone { update = update.set("phone", to: phone) }
            if let province = details.provinceCode { update = update.set("province_code", to: province) }
            if let ward = details.wardCode { update = update.set("ward_code", to: ward) }
            if let address = details.address { update = update.set("address", to: address) }
            if let deceased = person.deceasedAt { update = update.set("deceased_at", to: deceased.unixSeconds) }
            try await update.where("id", .equal, id).run()
        } else {
            guard let row = try await sql.insert(into: "hx_patients")
                .columns("name", "birth_date", "gender", "phone", "province_code", "ward_code", "address", "deceased_at", "status", "status_at", "created_at", "updated_at")
                .values(
                    SQLBind(person.details.name), SQLBind(person.details.birthDate), SQLBind(person.details.gender), SQLBind(person.details.phone),
                    SQLBind(person.details.provinceCode ?? facilityProvince), SQLBind(person.details.wardCode), SQLBind(person.details.address),
                    SQLBind(person.deceasedAt?.unixSeconds), SQLBind(CaseStatus.suspected.rawValue),
                    SQLBind(now.unixSeconds), SQLBind(now.unixSeconds), SQLBind(now.unixSeconds)
                )
                .returning("id").first()
            else { throw StoreError.notFound("the new patient") }
            id = try row.decode(column: "id", as: Int64.self)
        }
        if !hashes.isEmpty {
            var insert = sql.insert(into: "hx_patient_keys").columns("key_hash", "patient_id")
            for key in hashes { insert = insert.values(SQLBind(key), SQLBind(id)) }
            try await insert.ignoringConflicts(with: ["key_hash"]).run()
        }
        for identifier in person.identifiers {
            try await sql.insert(into: "hx_patient_identifiers").columns("patient_id", "system", "value")
                .values(SQLBind(id), SQLBind(identifier.system), SQLBind(identifier.value)).ignoringConflicts(with: ["patient_id", "system", "value"]).run()
        }
        return (id, found == nil)
    }

    /// Keeps what facility `accountID` reported about patient `id` and settles the case again.
    private static func report(_ events: [(event: CaseEvent, at: Date)], about id: Int64, by accountID: Int64, on sql: any SQLDatabase) async throws {
        if !events.isEmpty {
            var insert = sql.insert(into: "hx_case_events").columns("patient_id", "event", "account_id", "at")
            for (event, at) in events { insert = insert.values(SQLBind(id), SQLBind(event.rawValue), SQLBind(accountID), SQLBind(at.unixSeconds)) }
            try await insert.run()
        }
        try await settle(id, on: sql)
    }

    /// Sets patient `id`'s status to where its events, replayed in time order, leave it (as of its last milestone).
    static func settle(_ id: Int64, on sql: any SQLDatabase) async throws {
        let timeline = try await timeline(of: id, on: sql)
        var update = sql.update("hx_patients").set("status", to: timeline.progress.status.rawValue)
        if let last = timeline.milestones.last { update = update.set("status_at", to: last.at.unixSeconds) }
        try await update.where("id", .equal, id).run()
    }

    /// Patient `id`'s reported events, read.
    static func timeline(of id: Int64, on sql: any SQLDatabase) async throws -> CaseTimeline {
        CaseTimeline(
            try await sql.select().columns("event", "account_id", "at").from("hx_case_events").where("patient_id", .equal, id).orderBy("at").orderBy("id").all()
                .map { CaseTimeline.Event(event: try $0.value("event", as: CaseEvent.self), facility: try $0.optionalInt64("account_id"), at: try $0.date("at")) }
        )
    }

    /// The PostgreSQL advisory lock an undo of a merge holds alone and every report shares.
    static let undoLock: Int64 = 0x4858_554E_444F  // "HXUNDO"

    /// The hashed keys `person` is found by.
    static func keyHashes(of person: CaseSubmission.Person) -> [String] {
        PersonMatch.keys(identifiers: person.identifiers, name: person.details.name, birthDate: person.details.birthDate, phone: person.details.phone)
            .map(hash).sorted()
    }

    /// The PostgreSQL advisory lock a hashed key is taken under: its first 64 bits.
    static func lockNumber(_ keyHash: String) -> Int64 {
        Int64(bitPattern: UInt64(keyHash.prefix(16), radix: 16) ?? 0)
    }

    /// A key as stored: SHA-256, hex (the table of keys holds no identifier or phone in the clear).
    static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public func patient(id: Int64) async throws -> HealthPatientRecord? {
        try await patients(database.withConnection { sql in
            try await sql.select().columns(HealthPatientRecord.columns).from("hx_patients").where("id", .equal, id).all()
        }).first
    }

    /// The patients holding `identifier`.
    public func patients(identifier: PersonIdentifier) async throws -> [HealthPatientRecord] {
        try await patients(database.withConnection { sql in
            try await sql.select().columns(HealthPatientRecord.columns.map { SQLColumn($0, table: "hx_patients") }).from("hx_patients")
                .join("hx_patient_identifiers", on: SQLColumn("patient_id", table: "hx_patient_identifiers"), .equal, SQLColumn("id", table: "hx_patients"))
                .where(SQLColumn("system", table: "hx_patient_identifiers"), .equal, SQLBind(identifier.system))
                .where(SQLColumn("value", table: "hx_patient_identifiers"), .equal, SQLBind(identifier.value))
                .orderBy(SQLColumn("id", table: "hx_patients"), SQLDirection.ascending).limit(50).all()
        })
    }

    /// The records of `kind` about patient `patientID`, oldest first.
    public func records(patientID: Int64, kind: String) async throws -> [HealthRecordRow] {
        try await database.withConnection { sql in
            try await sql.select().columns("id", "patient_id", "account_id", "kind", "resource", "at").from("hx_records").where("patient_id", .equal, patientID)
                .where("kind", .equal, kind).orderBy("id").limit(500).all()
                .map {
                    HealthRecordRow(
                        id: try $0.decode(column: "id", as: Int64.self), patientID: try $0.decode(column: "patient_id", as: Int64.self),
                        accountID: try $0.decode(column: "account_id", as: Int64.self), kind: try $0.decode(column: "kind", as: String.self),
                        resource: try $0.decode(column: "resource", as: String.self), at: try $0.date("at")
                    )
                }
        }
    }

    /// Rows with their identifiers and sources.
    func patients(_ rows: [any SQLRow]) async throws -> [HealthPatientRecord] {
        var patients = try rows.map(HealthPatientRecord.init(row:))
        let ids = patients.map(\.id)
        guard !ids.isEmpty else { return [] }
        try await database.withConnection { sql in
            let identifiers = try await sql.select().columns("patient_id", "system", "value").from("hx_patient_identifiers").where("patient_id", .in, ids).all()
            let sources = try await sql.select().columns("patient_id", "account_id").from("hx_patient_sources").where("patient_id", .in, ids).orderBy("account_id").all()
            for index in patients.indices {
                let id = patients[index].id
                patients[index].identifiers = try identifiers.filter { try $0.decode(column: "patient_id", as: Int64.self) == id }
                    .map { PersonIdentifier(system: try $0.decode(column: "system", as: String.self), value: try $0.decode(column: "value", as: String.self)) }
                patients[index].sourceAccountIDs = try sources.filter { try $0.decode(column: "patient_id", as: Int64.self) == id }
                    .map { try $0.decode(column: "account_id", as: Int64.self) }
            }
        }
        return patients
    }
}
