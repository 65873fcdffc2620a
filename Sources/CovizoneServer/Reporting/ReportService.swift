import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// Units' reports in a round: a unit (or a province officer typing in what it phoned in) saves
/// drafts and marks the report complete; a province officer reopens it. Values are checked
/// against the round's form and every change is kept with who and when.
struct ReportService: Sendable {
    let reports: ReportRepository
    let rounds: ReportingRoundService
    let tree: OrgUnitService
    let offers: ReportOffers
    let audit: AuditRecorder
    let clock: WallClock

    /// The roles that reopen a complete report.
    static let reopeners: Set<Role> = [.ministryAdmin, .provinceOfficer]

    /// A report as the API and the page send it.
    struct Filled: Decodable, Sendable {
        var values: [String: Int]
        var notes: [String: String]?
        var proposals: String?
    }

    /// A unit's report in a round, with what it stands at and what can be offered to fill it.
    struct View: Sendable {
        var round: ReportingRoundRecord
        var form: ReportingForm
        var unit: OrgUnitRecord
        var report: ReportRecord?
        var status: ReportStatus
        var offered: [ReportOffers.Offer]
        var history: [ReportHistoryEntry]
        /// Whether the account may change it now.
        var editable: Bool
    }

    func view(roundID: Int64, orgUnitID: Int64, for principal: Principal) async throws -> View {
        let (round, form, unit) = try await expected(roundID: roundID, orgUnitID: orgUnitID, for: principal)
        let report = try await reports.report(roundID: round.id, orgUnitID: unit.id)
        let status = ReportStatus.of(saved: report != nil, completedAt: report?.completedAt, due: round.dueAt)
        let history = try await report.asyncMap { try await reports.history(reportID: $0.id, limit: 50) } ?? []
        let editable = mayWrite(unit, principal) && !status.isCompleted && isOpen(round, report)
        return View(
            round: round, form: form, unit: unit, report: report, status: status,
            offered: editable ? try await offers.offers(for: unit, in: round, form: form) : [], history: history, editable: editable
        )
    }

    /// Saves the values as a draft (the first save makes the report).
    func save(_ filled: Filled, roundID: Int64, orgUnitID: Int64, by principal: Principal, caller: Caller) async throws -> View {
        let (round, form, unit) = try await writable(roundID: roundID, orgUnitID: orgUnitID, by: principal)
        let checked = try ReportValues(values: filled.values, notes: filled.notes ?? [:], proposals: filled.proposals ?? "", form: form)
        try await apply(.save(values: checked.values, notes: checked.notes, proposals: checked.proposals), round, unit, principal, caller)
        return try await view(roundID: roundID, orgUnitID: orgUnitID, for: principal)
    }

    /// Marks the report complete: counted in the sums from now on (late after the due time).
    func complete(roundID: Int64, orgUnitID: Int64, by principal: Principal, caller: Caller) async throws -> View {
        let (round, _, unit) = try await writable(roundID: roundID, orgUnitID: orgUnitID, by: principal)
        try await apply(.complete, round, unit, principal, caller)
        return try await view(roundID: roundID, orgUnitID: orgUnitID, for: principal)
    }

    /// Back to a draft the unit may change for the lock days again, even after the round locked.
    func reopen(roundID: Int64, orgUnitID: Int64, by principal: Principal, caller: Caller) async throws -> View {
        guard Self.reopeners.contains(principal.user.role) else { throw ReportingError.officersOnly(action: "reopen a report") }
        let (round, _, unit) = try await expected(roundID: roundID, orgUnitID: orgUnitID, for: principal)
        guard mayWrite(unit, principal) else { throw ReportingError.notYourReport(orgUnitID: unit.id) }
        let openUntil = max(round.locksAt, clock.now + TimeInterval(rounds.lockDays * 86_400))
        try await apply(.reopen(openUntil: openUntil), round, unit, principal, caller)
        return try await view(roundID: roundID, orgUnitID: orgUnitID, for: principal)
    }

    private func apply(_ change: ReportChange, _ round: ReportingRoundRecord, _ unit: OrgUnitRecord, _ principal: Principal, _ caller: Caller) async throws {
        let now = clock.now
        _ = try await reports.apply(change, roundID: round.id, unit: unit, actor: principal.user.username, at: now) { current in
            switch change {
            case .save:
                if current?.completedAt != nil { throw ReportingError.alreadyComplete(orgUnitID: unit.id) }
                if !Self.isOpen(round, current, at: now) { throw ReportingError.roundLocked(roundID: round.id, lockedAt: round.locksAt) }
            case .complete:
                guard let current else { throw ReportingError.nothingSaved(orgUnitID: unit.id) }
                if current.completedAt != nil { throw ReportingError.alreadyComplete(orgUnitID: unit.id) }
                if !Self.isOpen(round, current, at: now) { throw ReportingError.roundLocked(roundID: round.id, lockedAt: round.locksAt) }
            case .reopen:
                if current?.completedAt == nil { throw ReportingError.notComplete(orgUnitID: unit.id) }
            }
        }
        try await audit.record(
            "reporting.reports.\(change.action)", subject: "reporting_round:\(round.id)/unit:\(unit.id)", provinceCode: unit.provinceCode, by: caller
        )
    }

    /// The round, its form and the unit, when the round expects the unit's report and the account sees both.
    private func expected(roundID: Int64, orgUnitID: Int64, for principal: Principal) async throws -> (ReportingRoundRecord, ReportingForm, OrgUnitRecord) {
        let round = try await rounds.round(roundID, for: principal)
        let unit = try await tree.unit(orgUnitID, for: principal)
        guard unit.path.isBelow(round.orgUnitPath), let form = rounds.form(of: round) else { throw ReportingError.notExpected(orgUnitID: unit.id, roundID: round.id) }
        return (round, form, unit)
    }

    private func writable(roundID: Int64, orgUnitID: Int64, by principal: Principal) async throws -> (ReportingRoundRecord, ReportingForm, OrgUnitRecord) {
        let found = try await expected(roundID: roundID, orgUnitID: orgUnitID, for: principal)
        guard mayWrite(found.2, principal) else { throw ReportingError.notYourReport(orgUnitID: orgUnitID) }
        return found
    }

    /// A unit's own account, an officer of its province (typing in what it sent), or the ministry.
    private func mayWrite(_ unit: OrgUnitRecord, _ principal: Principal) -> Bool {
        switch principal.user.role {
        case .ministryAdmin: true
        case .provinceOfficer: unit.provinceCode != nil && unit.provinceCode == principal.user.provinceCode
        case .reportingUnit: principal.user.details.orgUnitID == String(unit.id)
        default: false
        }
    }

    private func isOpen(_ round: ReportingRoundRecord, _ report: ReportRecord?) -> Bool { Self.isOpen(round, report, at: clock.now) }

    private static func isOpen(_ round: ReportingRoundRecord, _ report: ReportRecord?, at now: Date) -> Bool {
        now < round.locksAt || report?.openUntil.map { now < $0 } == true
    }
}
