import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// Reporting rounds: a province officer opens one for its province's subtree, the ministry one
/// for any unit (nationally at the ministry). Every unit strictly below the round's unit is
/// expected to report; late reports are taken until the round locks.
struct ReportingRoundService: Sendable {
    let rounds: ReportingRoundRepository
    let tree: OrgUnitService
    let forms: [ReportingForm]
    let audit: AuditRecorder
    let clock: WallClock
    /// Days after the due time that the round still takes reports.
    let lockDays: Int

    /// A new round as the API and the page take it.
    struct NewRound: Decodable, Sendable {
        var formId: String
        var name: String
        /// Vietnam dates, `YYYY-MM-DD`, inclusive.
        var start: String
        var end: String
        /// An ISO 8601 date-time (the page's `YYYY-MM-DDTHH:MM` is read as Vietnam time).
        var due: String
        var orgUnitId: Int64
    }

    /// Opens a round; audited.
    func create(_ new: NewRound, by principal: Principal, caller: Caller) async throws -> ReportingRoundRecord {
        var problems: [FieldError] = []
        let form = forms.first { $0.id == new.formId }
        if form == nil { problems.append(FieldError(field: "formId", message: "must be one of " + forms.map(\.id).joined(separator: ", "))) }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...200).contains(name.count) { problems.append(FieldError(field: "name", message: "must be 1 to 200 characters")) }
        if VietnamDay.number(from: new.start) == nil { problems.append(FieldError(field: "start", message: "must be a date YYYY-MM-DD")) }
        if VietnamDay.number(from: new.end) == nil { problems.append(FieldError(field: "end", message: "must be a date YYYY-MM-DD")) }
        let period = ADXPeriod(start: new.start, end: new.end)
        if period == nil, VietnamDay.number(from: new.start) != nil, VietnamDay.number(from: new.end) != nil {
            problems.append(FieldError(field: "end", message: "must not come before the start"))
        }
        if let period, period.days > 366 { problems.append(FieldError(field: "end", message: "must be within a year of the start")) }
        let due = InputDate.iso8601(new.due) ?? VietnamLocalTime.date(from: new.due)
        if due == nil { problems.append(FieldError(field: "due", message: "must be an ISO 8601 date and time, e.g. 2020-08-06T17:00:00+07:00")) }
        if let due, let period, due < VietnamDay.start(ofNumber: period.start) { problems.append(FieldError(field: "due", message: "must not come before the start")) }
        try ValidationFailure.check(problems)
        guard let form, let period, let due else { throw ValidationFailure(problems) }
        let unit = try await tree.unit(new.orgUnitId, for: principal)
        let record = try await rounds.create(
            NewReportingRound(
                formID: form.id, formVersion: form.version, name: name, period: period, dueAt: due, locksAt: due + TimeInterval(lockDays * 86_400), orgUnit: unit
            ),
            createdBy: principal.user.id, at: clock.now
        )
        try await audit.record(
            "reporting.rounds.create", subject: "reporting_round:\(record.id)", provinceCode: record.provinceCode, detail: "\(period) at unit \(unit.id)", by: caller
        )
        return record
    }

    /// The rounds that concern the account's part of the tree, newest first.
    func list(for principal: Principal, beforeID: Int64?, limit: Int) async throws -> [ReportingRoundRecord] {
        guard let root = try await tree.root(for: principal) else { return [] }
        return try await rounds.rounds(concerning: root.path, beforeID: beforeID, limit: limit)
    }

    /// A round the account may see: one of its part of the tree or of a unit above it.
    func round(_ id: Int64, for principal: Principal) async throws -> ReportingRoundRecord {
        guard let round = try await rounds.find(id: id), let root = try await tree.root(for: principal),
            round.orgUnitPath.isWithin(root.path) || root.path.isWithin(round.orgUnitPath)
        else { throw ReportingError.roundNotFound(roundID: id) }
        return round
    }

    /// The form a round was opened on.
    func form(of round: ReportingRoundRecord) -> ReportingForm? {
        forms.first { $0.id == round.formID && $0.version == round.formVersion }
    }

    /// The part of the round's subtree a summary of `orgUnitID` covers: that unit when it lies in
    /// the round (and the account sees it), the round's unit when it lies above it, or where the
    /// account's part starts when none is named.
    func scope(of round: ReportingRoundRecord, orgUnitID: Int64?, for principal: Principal) async throws -> OrgUnitRecord {
        let unit: OrgUnitRecord
        if let orgUnitID {
            unit = try await tree.unit(orgUnitID, for: principal)
        } else {
            guard let root = try await tree.root(for: principal) else { throw ReportingError.roundNotFound(roundID: round.id) }
            unit = root
        }
        if unit.path.isWithin(round.orgUnitPath) { return unit }
        if round.orgUnitPath.isWithin(unit.path), let roundUnit = try await tree.units.find(id: round.orgUnitID) { return roundUnit }
        throw ReportingError.notExpected(orgUnitID: unit.id, roundID: round.id)
    }
}
