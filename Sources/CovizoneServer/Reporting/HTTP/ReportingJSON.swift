import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird

/// A round as the API shows it.
struct RoundItem: ResponseEncodable {
    var id: Int64
    var formId: String
    var formVersion: Int
    var name: String
    var start: String
    var end: String
    /// ADX's `START/PnD`.
    var period: String
    var due: Date
    var locksAt: Date
    var orgUnitId: Int64
    var provinceCode: String?
    var createdAt: Date

    init(_ round: ReportingRoundRecord) {
        id = round.id
        formId = round.formID
        formVersion = round.formVersion
        name = round.name
        start = VietnamDay.string(ofNumber: round.period.start)
        end = VietnamDay.string(ofNumber: round.period.end)
        period = round.period.description
        due = round.dueAt
        locksAt = round.locksAt
        orgUnitId = round.orgUnitID
        provinceCode = round.provinceCode
        createdAt = round.createdAt
    }
}

/// A unit's report with its status, what is offered to fill it, and its history.
struct ReportItem: ResponseEncodable {
    struct Change: Encodable, Sendable {
        var action: String
        var actor: String
        var at: Date
        var values: [String: Int]
    }

    var roundId: Int64
    var orgUnitId: Int64
    var orgUnitName: String
    var status: ReportStatus
    var values: [String: Int]
    var notes: [String: String]
    var proposals: String
    var completedAt: Date?
    var updatedBy: String?
    var updatedAt: Date?
    var editable: Bool
    var offered: [ReportOffers.Offer]
    var history: [Change]

    init(_ view: ReportService.View) {
        roundId = view.round.id
        orgUnitId = view.unit.id
        orgUnitName = view.unit.name
        status = view.status
        values = view.report?.values ?? [:]
        notes = view.report?.notes ?? [:]
        proposals = view.report?.proposals ?? ""
        completedAt = view.report?.completedAt
        updatedBy = view.report?.updatedBy
        updatedAt = view.report?.updatedAt
        editable = view.editable
        offered = view.offered
        history = view.history.map { Change(action: $0.action, actor: $0.actor, at: $0.at, values: $0.values) }
    }
}

/// A unit on a round's board.
struct BoardItem: Encodable, Sendable {
    var orgUnitId: Int64
    var name: String
    var kind: OrgUnitKind
    var parentId: Int64?
    var status: ReportStatus
    var completedAt: Date?
    var updatedAt: Date?

    init(_ row: ReportingSummaryService.BoardRow) {
        orgUnitId = row.unit.id
        name = row.unit.name
        kind = row.unit.kind
        parentId = row.unit.parentID
        status = row.status
        completedAt = row.completedAt
        updatedAt = row.updatedAt
    }
}

/// `{values, percentages, completeness}` of a round over a unit's subtree, with the round and unit named.
struct SummaryItem: ResponseEncodable {
    struct Unit: Encodable, Sendable {
        var id: Int64
        var name: String
    }

    var roundId: Int64
    var orgUnit: Unit
    var values: [String: Int]
    var percentages: [String: Double]
    var completeness: RoundSummary.Completeness

    init(_ summary: ReportingSummaryService.Summary) {
        roundId = summary.round.id
        orgUnit = Unit(id: summary.unit.id, name: summary.unit.name)
        values = summary.figures.values
        percentages = summary.figures.percentages
        completeness = summary.figures.completeness
    }
}

extension ReportingReminderService.Sent: ResponseEncodable {}
extension ReportingExchangeService.Imported: ResponseEncodable {}
