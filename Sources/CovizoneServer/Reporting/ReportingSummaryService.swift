import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// What a round adds up to over a part of its subtree, and where each expected unit stands.
struct ReportingSummaryService: Sendable {
    let rounds: ReportingRoundService
    let reports: ReportRepository

    /// A round's summary over the subtree of one unit.
    struct Summary: Sendable {
        var round: ReportingRoundRecord
        var form: ReportingForm
        var unit: OrgUnitRecord
        var figures: RoundSummary
    }

    /// A unit the round expects, with its report's status.
    struct BoardRow: Sendable {
        var unit: OrgUnitRecord
        var status: ReportStatus
        var completedAt: Date?
        var updatedAt: Date?
    }

    /// Each element summed over the completed reports in the subtree of `orgUnitID` (where the
    /// account's part starts when nil), the channels' percentages from those sums, and completeness.
    func summary(roundID: Int64, orgUnitID: Int64?, for principal: Principal) async throws -> Summary {
        let round = try await rounds.round(roundID, for: principal)
        guard let form = rounds.form(of: round) else { throw ReportingError.roundNotFound(roundID: roundID) }
        let unit = try await rounds.scope(of: round, orgUnitID: orgUnitID, for: principal)
        let sums = try await reports.sums(roundID: round.id, within: unit.path)
        let completeness = try await reports.completeness(round: round, within: unit.path)
        return Summary(round: round, form: form, unit: unit, figures: RoundSummary(form: form, sums: sums, completeness: completeness))
    }

    /// The summary of each province the round covers below `summary`'s unit (the ministry's
    /// table), from one scan of the values and one count of the units.
    func byProvince(_ summary: Summary, provinces: [OrgUnitRecord]) async throws -> [Summary] {
        let sums = try await reports.sumsByProvince(roundID: summary.round.id, within: summary.unit.path)
        let completeness = try await reports.completenessByProvince(round: summary.round, within: summary.unit.path)
        return provinces.filter { $0.path.isBelow(summary.round.orgUnitPath) && $0.path.isWithin(summary.unit.path) }.map { province in
            let code = province.provinceCode ?? ""
            return Summary(
                round: summary.round, form: summary.form, unit: province,
                figures: RoundSummary(form: summary.form, sums: sums[code] ?? [:], completeness: completeness[code] ?? .init(expected: 0, completed: 0, onTime: 0))
            )
        }
    }

    /// The units the round expects within the subtree of `orgUnitID`, by id after `afterID`.
    func board(roundID: Int64, orgUnitID: Int64?, for principal: Principal, afterID: Int64?, limit: Int) async throws -> (round: ReportingRoundRecord, unit: OrgUnitRecord, rows: [BoardRow]) {
        let round = try await rounds.round(roundID, for: principal)
        let unit = try await rounds.scope(of: round, orgUnitID: orgUnitID, for: principal)
        let expected = try await reports.expectedUnits(round: round, within: unit.path, afterID: afterID, limit: limit)
        return (
            round, unit,
            expected.map {
                BoardRow(
                    unit: $0.unit, status: ReportStatus.of(saved: $0.saved, completedAt: $0.completedAt, due: round.dueAt), completedAt: $0.completedAt,
                    updatedAt: $0.updatedAt
                )
            }
        )
    }
}
