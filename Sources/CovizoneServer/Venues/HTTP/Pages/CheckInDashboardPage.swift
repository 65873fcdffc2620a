import Charts
import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /checkins/dashboard`: bars of check-ins per hour, venue type and province.
struct CheckInDashboardPage: Sendable {
    struct Bar: Sendable {
        var label: String
        var count: Int
        /// Percent of the longest bar of its chart (at least 1, so that a count shows).
        var width: Int
    }

    struct Period: Sendable {
        var hours: Int
        var current: Bool
    }

    /// The periods the page offers, in hours.
    static let periods = [24, 72, 168]

    var hours: Int
    var total: Int
    var perHour: [Bar]
    var perType: [Bar]
    var perProvince: [Bar]
    var periods: [Period]
    /// Whether there is data.
    var hasData: Bool
    /// Check-ins per hour as an SVG chart (the table below it has the same figures).
    var perHourChart: String
    /// Check-ins per venue type as an SVG chart.
    var perTypeChart: String

    init(hours: Int, counts: CheckInCounts, text: PageText, divisions: AdministrativeDivisions) {
        self.hours = hours
        total = counts.total
        perHour = Self.bars(counts.perHour) { PageText.wallClock(CheckInStatistics.hourStart($0)) }
        perType = Self.bars(counts.perVenueType) { text("venue_type_\($0.key)") }
        perProvince = Self.bars(counts.perProvince) { divisions.province(code: $0.key)?.name ?? $0.key }
        periods = Self.periods.map { Period(hours: $0, current: $0 == hours) }
        hasData = total > 0
        perHourChart = Self.chart(of: perHour, title: text("checkins_per_hour"), label: { String($0.label.suffix(5)) }) { busiest in
            text("checkins_chart_hours", ["total": String(counts.total), "hours": String(hours), "hour": busiest.label, "count": String(busiest.count)])
        }
        perTypeChart = Self.chart(of: perType, title: text("checkins_per_type"), label: \.label) { busiest in
            text("checkins_chart_types", ["type": busiest.label, "count": String(busiest.count)])
        }
    }

    /// A bar chart of `bars`, its summary naming the largest.
    private static func chart(of bars: [Bar], title: String, label: (Bar) -> String, summary: (Bar) -> String) -> String {
        guard let busiest = bars.max(by: { $0.count < $1.count }) else { return "" }
        return Chart(
            style: .bars, title: title, summary: summary(busiest), categories: bars.map(label),
            series: [Chart.Series(name: title, values: bars.map { Double($0.count) })]
        ).svg()
    }

    private static func bars(_ counts: [CheckInCounts.Count], label: (CheckInCounts.Count) -> String) -> [Bar] {
        let most = max(1, counts.map(\.count).max() ?? 1)
        return counts.map { Bar(label: label($0), count: $0.count, width: max(1, $0.count * 100 / most)) }
    }
}
