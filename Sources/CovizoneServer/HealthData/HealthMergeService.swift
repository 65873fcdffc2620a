import CovizoneCore
import CovizoneStore
import Foundation

/// The merges the exchange made on its own, for officers to review: a health authority those of
/// its province (decided by where the person is now), the ministry all; each read and decision
/// audited. Confirming keeps the merge; undoing splits the facility's reports off to a person of
/// their own.
struct HealthMergeService: Sendable {
    let merges: HealthMergeRepository
    let patients: HealthExchangeRepository
    let audit: AuditRecorder
    let clock: WallClock

    static let reviewers: Set<Role> = [.healthAuthority, .ministryAdmin]

    /// The merges in `status` that `principal` reviews, newest first; the read audited.
    func list(status: HealthMergeStatus?, for principal: Principal, beforeID: Int64?, limit: Int, caller: Caller) async throws -> [HealthMergeRecord] {
        let province = principal.user.role == .ministryAdmin ? nil : principal.scope.provinceCode
        let found = try await merges.merges(status: status, provinceCode: province, beforeID: beforeID, limit: limit)
        try await audit.record("health.merges.list", subject: "hx_merges", provinceCode: province, detail: "\(found.count) merges", by: caller)
        return found
    }

    func confirm(_ id: Int64, by principal: Principal, caller: Caller) async throws -> HealthMergeRecord {
        try await decide(id, "confirm", by: principal, caller: caller) { try await merges.confirm(id: id, by: principal.user.id, at: clock.now) }
    }

    func undo(_ id: Int64, by principal: Principal, caller: Caller) async throws -> HealthMergeRecord {
        try await decide(id, "undo", by: principal, caller: caller) { try await merges.undo(id: id, by: principal.user.id, at: clock.now) }
    }

    private func decide(
        _ id: Int64, _ action: String, by principal: Principal, caller: Caller, _ change: () async throws -> HealthMergeRecord
    ) async throws -> HealthMergeRecord {
        guard let merge = try await merges.merge(id: id), let patient = try await patients.patient(id: merge.patientID), HealthExchangeService.reads(patient, principal)
        else { throw HealthCaseError.mergeNotFound(id: id) }
        let decided: HealthMergeRecord
        do {
            decided = try await change()
        } catch HealthMergeRepository.Refusal.settled(let status) {
            throw HealthCaseError.mergeSettled(id: id, status: status)
        }
        try await audit.record(
            "health.merges.\(action)", subject: "hx_merges/\(id)", provinceCode: merge.provinceCode,
            detail: "patient \(merge.patientID)" + (decided.splitPatientID.map { ", split to \($0)" } ?? ""), by: caller
        )
        return decided
    }
}
