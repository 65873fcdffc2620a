import Charts
import CovizoneCore
import CovizoneStore
import FacilitySafety

/// The model of `GET /safety/statistics`: who self-checked today per province and type, the
/// colours of the last two weeks as a chart, the facilities red three days running, and the
/// wards' risk levels with the health authority's form and the wards an outbreak suggests.
struct SafetyStatisticsPage: Sendable {
    struct Share: Sendable {
        var label: String
        var facilities: Int
        var reported: Int
        var share: Int
    }

    struct Streak: Sendable {
        var id: Int64
        var name: String
    }

    struct WardRow: Sendable {
        var code: String
        var name: String
        var level: String
        var label: String
        var note: String
        var setAt: String
    }

    struct Suggestion: Sendable {
        var code: String
        var name: String
        var outbreaks: Int
    }

    var byProvince: [Share]
    var byType: [Share]
    var chart: String
    var streaks: [Streak]
    var hasStreaks: Bool
    var wards: [WardRow]
    var hasWards: Bool
    var suggestions: [Suggestion]
    var hasSuggestions: Bool
    /// The health authority's form: the wards of its province and the levels.
    var canSetLevels: Bool
    var wardOptions: [PageOption]
    var levelOptions: [PageOption]

    init(
        figures: SafetyStatisticsService.Figures, wardLevels: [WardRiskRecord], suggestions found: [(wardCode: String, outbreaks: Int)],
        provinceCode: String?, canSetLevels: Bool, text: PageText, divisions: AdministrativeDivisions
    ) {
        let labels = SafetyLabels(text: text)
        func share(_ row: SafetyStatisticsService.Share, label: String) -> Share {
            Share(label: label, facilities: row.facilities, reported: row.reported, share: row.facilities == 0 ? 0 : (200 * row.reported + row.facilities) / (2 * row.facilities))
        }
        byProvince = figures.byProvince.map { share($0, label: divisions.province(code: $0.key)?.name ?? $0.key) }
        byType = figures.byType.map { share($0, label: FacilityType(rawValue: $0.key).map(labels.type) ?? $0.key) }
        streaks = figures.unsafeForThreeDays.map { Streak(id: $0.id, name: $0.details.name) }
        hasStreaks = !streaks.isEmpty
        wards = wardLevels.map { record in
            WardRow(
                code: record.wardCode, name: divisions.ward(code: record.wardCode)?.name ?? record.wardCode, level: record.level.rawValue,
                label: labels.wardLevel(record.level), note: record.note, setAt: PageText.time(record.setAt)
            )
        }
        hasWards = !wards.isEmpty
        suggestions = found.map { Suggestion(code: $0.wardCode, name: divisions.ward(code: $0.wardCode)?.name ?? $0.wardCode, outbreaks: $0.outbreaks) }
        hasSuggestions = !suggestions.isEmpty
        self.canSetLevels = canSetLevels && provinceCode != nil
        wardOptions = provinceCode.flatMap { divisions.wards(inProvince: $0) }?.map { PageOption(code: $0.code, label: $0.name, selected: false) } ?? []
        levelOptions = WardRiskLevel.allCases.map { PageOption(code: $0.rawValue, label: labels.wardLevel($0), selected: false) }
        let colours: [SafetyStatus: String] = [.safe: "#1a7f37", .someRisk: "#d4a000", .unsafe: "#c62828", .notReported: "#6e7781"]
        let days = figures.days
        let unsafeToday = days.last?.counts[.unsafe] ?? 0
        chart = Chart(
            style: .stackedBars, title: text("safety_chart_title"),
            summary: text("safety_chart_summary", ["days": String(days.count), "unsafe": String(unsafeToday)]),
            categories: days.map { String($0.day.suffix(5)) },
            series: SafetyStatus.allCases.map { status in
                Chart.Series(name: labels.status(status), values: days.map { Double($0.counts[status] ?? 0) }, colour: colours[status])
            }
        ).svg()
    }
}
