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

    init(hours: Int, counts: CheckInCounts, text: PageText, divisions: AdministrativeDivisions) {
        self.hours = hours
        total = counts.total
        perHour = Self.bars(counts.perHour) { VietnamLocalTime.string(of: CheckInStatistics.hourStart($0)).replacingOccurrences(of: "T", with: " ") }
        perType = Self.bars(counts.perVenueType) { text("venue_type_\($0.key)") }
        perProvince = Self.bars(counts.perProvince) { divisions.province(code: $0.key)?.name ?? $0.key }
        periods = Self.periods.map { Period(hours: $0, current: $0 == hours) }
        hasData = total > 0
    }

    private static func bars(_ counts: [CheckInCounts.Count], label: (CheckInCounts.Count) -> String) -> [Bar] {
        let most = max(1, counts.map(\.count).max() ?? 1)
        return counts.map { Bar(label: label($0), count: $0.count, width: max(1, $0.count * 100 / most)) }
    }
}
