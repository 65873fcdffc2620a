import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /reporting/rounds/{id}/reports/{unit}`: the seed's table as a form — per
/// channel the quantity, people or places reached, the target, the rate and a note — the app
/// installations, proposals, what Covizone offers to fill in, the status and the history.
struct ReportingReportPage: Sendable {
    struct Field: Sendable {
        var id: String
        var value: String
        /// Filled from an offer, for the unit to confirm.
        var offered: Bool
    }

    struct ChannelRow: Sendable {
        var number: Int
        var code: String
        var name: String
        var quantity: Field
        var reached: Field
        var target: Field
        var rate: String
        var note: String
    }

    struct Change: Sendable {
        var action: String
        var actor: String
        var at: String
    }

    var roundID: Int64
    var roundName: String
    var due: String
    var unitID: Int64
    var unitName: String
    var status: String
    var statusLabel: String
    var editable: Bool
    var canReopen: Bool
    var isOfficer: Bool
    var rows: [ChannelRow]
    var staff: Field
    var installed: Field
    var proposals: String
    var offeredNotice: String?
    var history: [Change]
    var hasHistory: Bool
    var errors: [String] = []
    var notice: String?

    /// The form's fields as typed (after a refused save), else the saved values with offers in the blanks.
    init(view: ReportService.View, typed: [String: String]?, principal: Principal, text: PageText) {
        let english = text.language == .en
        let saved = view.report?.values ?? [:]
        var offers: [String: Int] = [:]
        for offer in view.offered { offers.merge(offer.values) { first, _ in first } }
        func field(_ id: String) -> Field {
            if let typed { return Field(id: id, value: typed[id] ?? "", offered: false) }
            if let value = saved[id] { return Field(id: id, value: String(value), offered: false) }
            if let value = offers[id] { return Field(id: id, value: String(value), offered: true) }
            return Field(id: id, value: "", offered: false)
        }
        roundID = view.round.id
        roundName = view.round.name
        due = PageText.wallClock(view.round.dueAt)
        unitID = view.unit.id
        unitName = view.unit.name
        status = view.status.rawValue
        statusLabel = text("reporting_status_\(view.status.rawValue)")
        editable = view.editable
        isOfficer = ReportService.reopeners.contains(principal.user.role)
        canReopen = isOfficer && view.status.isCompleted
        rows = view.form.channels.enumerated().map { index, channel in
            let reached = saved["\(channel.code).reached"]
            let target = saved["\(channel.code).target"]
            return ChannelRow(
                number: index + 1, code: channel.code, name: english ? channel.name.en : channel.name.vi, quantity: field("\(channel.code).quantity"),
                reached: field("\(channel.code).reached"), target: field("\(channel.code).target"),
                rate: target.flatMap { $0 > 0 ? String(format: "%.1f", RoundSummary.percentage(reached ?? 0, of: $0)) : nil } ?? "",
                note: typed?["notes.\(channel.code)"] ?? view.report?.notes[channel.code] ?? ""
            )
        }
        staff = field("app.staff")
        installed = field("app.installed")
        proposals = typed?["proposals"] ?? view.report?.proposals ?? ""
        offeredNotice = typed == nil && view.offered.contains { offer in offer.values.keys.contains { saved[$0] == nil } } ? text("reporting_offered_notice") : nil
        history = view.history.map { Change(action: text("reporting_action_\($0.action)"), actor: $0.actor, at: PageText.wallClock($0.at)) }
        hasHistory = !history.isEmpty
    }
}
