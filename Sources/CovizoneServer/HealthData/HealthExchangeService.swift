import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange

/// The exchange's FHIR side: a facility's transaction Bundle checked, stored as one
/// de-duplicated picture (the same person from two hospitals is one patient, with both as
/// sources) and answered with a transaction-response; patients and their records read back in
/// the reader's scope, every read audited.
struct HealthExchangeService: Sendable {
    let store: HealthExchangeRepository
    let reader: TransactionReader
    let audit: AuditRecorder
    let clock: WallClock

    /// Accounts whose systems send cases.
    static let senders: Set<Role> = [.healthFacility]
    /// Accounts that read cases: the facility (what it sent), health authorities (their province), the ministry.
    static let readers: Set<Role> = [.healthFacility, .healthAuthority, .ministryAdmin]

    init(database: Database, divisions: AdministrativeDivisions, audit: AuditRecorder, clock: WallClock) {
        store = HealthExchangeRepository(database: database)
        reader = TransactionReader(isProvince: { divisions.province(code: $0) != nil }, isWard: { divisions.ward(code: $0) != nil })
        self.audit = audit
        self.clock = clock
    }

    /// Stores `bundle` for the facility `principal` stands for; the transaction-response, or an OperationOutcome thrown.
    func transaction(_ bundle: FHIRBundle, by principal: Principal, caller: Caller) async throws -> FHIRBundle {
        let now = clock.now
        let submission: CaseSubmission
        switch reader.read(bundle, at: now) {
        case .success(let read): submission = read
        case .failure(let outcome): throw HealthExchangeError.refused(outcome)
        }
        let entries = bundle.entry ?? []
        let records = HealthExchangeRepository.NewRecord.records(of: submission, in: entries, reportedAt: now)
        let stored: HealthExchangeRepository.Stored
        do {
            stored = try await store.store(submission, records: records, by: principal.user.id, facilityProvince: principal.scope.provinceCode, at: now)
        } catch HealthExchangeRepository.Refusal.unknownPatient(let entry, let id) {
            throw HealthExchangeError.notFound(.error("not-found", "No patient \(id).", at: "Bundle.entry[\(entry)]"))
        }
        try await audit.record(
            "health.fhir.transaction", subject: "hx_patients", provinceCode: principal.scope.provinceCode,
            detail: "\(submission.people.count) patients, \(records.count) records", by: caller
        )
        return FHIRRecords.response(to: entries, stored: stored, at: now)
    }

    /// Patient `id`, when `principal` reads it; audited.
    func patient(_ id: Int64, by principal: Principal, caller: Caller) async throws -> HealthPatientRecord {
        guard let patient = try await store.patient(id: id), Self.reads(patient, principal) else {
            throw HealthExchangeError.notFound(.error("not-found", "No Patient \(id).", at: "Patient"))
        }
        try await audit.record("health.fhir.read", subject: "hx_patient:\(id)", provinceCode: patient.details.provinceCode, by: caller)
        return patient
    }

    /// The patients holding `identifier` that `principal` reads; audited.
    func patients(identifier: PersonIdentifier, by principal: Principal, caller: Caller) async throws -> [HealthPatientRecord] {
        let found = try await store.patients(identifier: identifier).filter { Self.reads($0, principal) }
        try await audit.record("health.fhir.search", subject: "hx_patients", detail: "\(found.count) by identifier", by: caller)
        return found
    }

    /// The records of `kind` about patient `id`; audited with the patient's read.
    func records(_ kind: String, of id: Int64, by principal: Principal, caller: Caller) async throws -> [HealthRecordRow] {
        _ = try await patient(id, by: principal, caller: caller)
        return try await store.records(patientID: id, kind: kind)
    }

    /// A facility reads the people it reported; a health authority its province's; the ministry everyone.
    static func reads(_ patient: HealthPatientRecord, _ principal: Principal) -> Bool {
        switch principal.user.role {
        case .ministryAdmin: true
        case .healthFacility: patient.sourceAccountIDs.contains(principal.user.id)
        case .healthAuthority: principal.scope.provinceCode.map { $0 == patient.details.provinceCode } ?? true
        default: false
        }
    }
}

/// Why the exchange refuses a request, as the OperationOutcome that says so.
enum HealthExchangeError: Error {
    /// The request breaks the exchange's rules (each problem an issue).
    case refused(FHIROperationOutcome)
    /// What it names does not exist, or is not the reader's to see.
    case notFound(FHIROperationOutcome)
}
