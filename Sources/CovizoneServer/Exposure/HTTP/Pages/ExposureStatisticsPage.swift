import Charts
import Foundation

/// The model of `GET /exposure/statistics`: days with too few uploads say so instead of a number;
/// the charts run from the oldest day to today.
struct ExposureStatisticsPage: Sendable {
    struct UploadDay: Sendable {
        var day: String
        var uploads: String
        var keys: String
    }

    struct Batch: Sendable {
        var window: String
        var keys: Int
        var revisedKeys: Int
        var files: Int
    }

    var uploads: [UploadDay]
    var codes: [ExposureStatistics.CodesDay]
    var batches: [Batch]
    var hasBatches: Bool
    var province: String
    /// Uploads per day as bars (hidden days drawn at 0, as the summary says).
    var uploadsChart: String
    /// Keys published per day as a line.
    var keysChart: String
    /// Upload codes issued and used per day as bars.
    var codesChart: String

    init(_ statistics: ExposureStatistics, province: String?, text: PageText) {
        uploads = statistics.uploads.map {
            UploadDay(day: $0.day, uploads: $0.uploads.map(String.init) ?? text("stats_fewer_than_10"), keys: $0.keys.map(String.init) ?? "—")
        }
        codes = statistics.codes
        batches = statistics.batches.map {
            Batch(window: "\(PageText.time($0.start)) – \(PageText.time($0.end))", keys: $0.keys, revisedKeys: $0.revisedKeys, files: $0.files)
        }
        hasBatches = !batches.isEmpty
        self.province = province ?? ""
        uploadsChart = Self.uploadsChart(statistics.uploads.reversed(), text: text)
        keysChart = Self.keysChart(statistics.uploads.reversed(), text: text)
        codesChart = Self.codesChart(statistics.codes.reversed(), text: text)
    }

    /// Uploads per day as bars; their keys, about thirteen times as many, get a chart of their own.
    private static func uploadsChart(_ days: [ExposureStatistics.UploadDay], text: PageText) -> String {
        let shown = days.compactMap(\.uploads)
        let summary = text("stats_chart_uploads", [
            "uploads": String(shown.reduce(0, +)), "keys": String(days.compactMap(\.keys).reduce(0, +)),
            "hidden": String(days.count - shown.count), "days": String(days.count),
        ])
        return Chart(
            style: .bars, title: text("stats_uploads_heading"), summary: summary, categories: days.map { String($0.day.suffix(5)) },
            series: [Chart.Series(name: text("stats_uploads"), values: days.map { Double($0.uploads ?? 0) })]
        ).svg(height: 200)
    }

    private static func keysChart(_ days: [ExposureStatistics.UploadDay], text: PageText) -> String {
        Chart(
            style: .lines, title: text("stats_keys_heading"), summary: text("stats_chart_keys", ["keys": String(days.compactMap(\.keys).reduce(0, +))]),
            categories: days.map { String($0.day.suffix(5)) }, series: [Chart.Series(name: text("stats_keys"), values: days.map { Double($0.keys ?? 0) })]
        ).svg(height: 200)
    }

    private static func codesChart(_ days: [ExposureStatistics.CodesDay], text: PageText) -> String {
        let summary = text("stats_chart_codes", [
            "issued": String(days.map(\.issued).reduce(0, +)), "used": String(days.map(\.used).reduce(0, +)), "days": String(days.count),
        ])
        return Chart(
            style: .bars, title: text("stats_codes_heading"), summary: summary, categories: days.map { String($0.day.suffix(5)) },
            series: [
                Chart.Series(name: text("stats_issued"), values: days.map { Double($0.issued) }),
                Chart.Series(name: text("stats_used"), values: days.map { Double($0.used) }),
            ]
        ).svg()
    }
}
