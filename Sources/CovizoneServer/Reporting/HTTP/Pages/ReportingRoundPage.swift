import Charts
import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /reporting/rounds/{id}?orgUnit=`: the aggregate in the seed's layout with a
/// chart per channel, completeness over the recent rounds, every expected unit's status with
/// one-click reminders, the ministry's table across provinces, and the files to download.
struct ReportingRoundPage: Sendable {
    struct TableRow: Sendable {
        var number: Int
        var name: String
        var quantity: String
        var reached: String
        var target: String
        var percentage: String
    }

    struct UnitRow: Sendable {
        var unitID: Int64
        var name: String
        var kind: String
        var status: String
        var statusLabel: String
        var completedAt: String
    }

    struct ProvinceRow: Sendable {
        var unitID: Int64
        var name: String
        var expected: Int
        var completed: Int
        var onTime: Int
        var smsRate: String
    }

    var roundID: Int64
    var name: String
    var period: String
    var due: String
    var locksAt: String
    var scopeID: Int64
    var scopeName: String
    var table: [TableRow]
    var staff: String
    var installed: String
    var installedRate: String
    var expected: Int
    var completed: Int
    var onTime: Int
    var channelChart: String
    var completenessChart: String
    var units: [UnitRow]
    var statusCounts: String
    var provinces: [ProvinceRow]
    var hasProvinces: Bool
    var canRemind: Bool
    var notice: String?
    var downloadQuery: String

    init(
        summary: ReportingSummaryService.Summary, board: [ReportingSummaryService.BoardRow], history: [ReportingSummaryService.Summary],
        provinces: [ReportingSummaryService.Summary], principal: Principal, text: PageText, notice: String?
    ) {
        let round = summary.round
        let figures = summary.figures
        let english = text.language == .en
        roundID = round.id
        name = round.name
        period = "\(VietnamDay.string(ofNumber: round.period.start)) – \(VietnamDay.string(ofNumber: round.period.end))"
        due = PageText.wallClock(round.dueAt)
        locksAt = PageText.wallClock(round.locksAt)
        scopeID = summary.unit.id
        scopeName = summary.unit.name
        func number(_ value: Int?) -> String { value.map { $0.formatted(.number.locale(Locale(identifier: english ? "en" : "vi"))) } ?? "" }
        func rate(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "" }
        table = summary.form.channels.enumerated().map { index, channel in
            TableRow(
                number: index + 1, name: english ? channel.name.en : channel.name.vi, quantity: number(figures.values["\(channel.code).quantity"]),
                reached: number(figures.values["\(channel.code).reached"]), target: number(figures.values["\(channel.code).target"]),
                percentage: rate(figures.percentages[channel.code])
            )
        }
        staff = number(figures.values["app.staff"])
        installed = number(figures.values["app.installed"])
        installedRate = rate(figures.values["app.staff"].flatMap { $0 > 0 ? RoundSummary.percentage(figures.values["app.installed"] ?? 0, of: $0) : nil })
        expected = figures.completeness.expected
        completed = figures.completeness.completed
        onTime = figures.completeness.onTime
        channelChart = Chart(
            style: .bars, title: text("reporting_chart_channels"), summary: text("reporting_chart_channels_summary", ["scope": summary.unit.name]),
            categories: summary.form.channels.map { english ? $0.shortName.en : $0.shortName.vi },
            series: [Chart.Series(name: text("reporting_rate"), values: summary.form.channels.map { figures.percentages[$0.code] ?? 0 }, colour: "#1f6feb")]
        ).svg()
        func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : RoundSummary.percentage(part, of: whole) }
        completenessChart = Chart(
            style: .bars, title: text("reporting_chart_completeness"), summary: text("reporting_chart_completeness_summary", ["rounds": String(history.count)]),
            categories: history.map { VietnamDay.string(ofNumber: $0.round.period.start) },
            series: [
                Chart.Series(name: text("reporting_completed_share"), values: history.map { share($0.figures.completeness.completed, $0.figures.completeness.expected) }, colour: "#1a7f37"),
                Chart.Series(name: text("reporting_on_time_share"), values: history.map { share($0.figures.completeness.onTime, $0.figures.completeness.expected) }, colour: "#0969da"),
            ]
        ).svg()
        units = board.map { row in
            UnitRow(
                unitID: row.unit.id, name: row.unit.name, kind: text("reporting_kind_\(row.unit.kind.rawValue)"), status: row.status.rawValue,
                statusLabel: text("reporting_status_\(row.status.rawValue)"), completedAt: row.completedAt.map(PageText.wallClock) ?? ""
            )
        }
        statusCounts = ReportStatus.allCases.map { status in "\(text("reporting_status_\(status.rawValue)")): \(board.count { $0.status == status })" }.joined(separator: " · ")
        self.provinces = provinces.map { province in
            ProvinceRow(
                unitID: province.unit.id, name: province.unit.name, expected: province.figures.completeness.expected, completed: province.figures.completeness.completed,
                onTime: province.figures.completeness.onTime, smsRate: rate(province.figures.percentages["sms-zalo"])
            )
        }
        hasProvinces = !provinces.isEmpty
        canRemind = ReportingReminderService.senders.contains(principal.user.role) && board.contains { !$0.status.isCompleted }
        self.notice = notice
        downloadQuery = "orgUnit=\(summary.unit.id)&lang=\(text.language.rawValue)"
    }
}
