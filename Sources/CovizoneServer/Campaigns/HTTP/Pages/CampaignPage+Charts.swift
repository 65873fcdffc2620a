import Charts
import CovizoneCore
import CovizoneStore
import Foundation

/// The campaign page's charts: how the newest round went out and its reach per province.
extension CampaignPage {
    /// The most points a progress chart draws: longer rounds are shown in wider steps.
    static let progressPoints = 48

    /// The round's messages delivered, failed and still awaiting their receipt, each counted once
    /// at the minute it reached that state (the store keeps a message's last change only), summed
    /// up to each minute of the round from nothing in the step before the first.
    static func progressChart(_ counts: [RoundProgressCount], round: Int, total: RoundStatistics.Figures, text: PageText) -> String {
        guard let firstCounted = counts.first?.minute, let last = counts.last?.minute else { return "" }
        let step = max(1, (last - firstCounted + 1 + Int64(progressPoints) - 2) / Int64(progressPoints - 1))
        let first = firstCounted - step
        let steps = Int((last - first) / step) + 1
        var awaiting = [Double](repeating: 0, count: steps)
        var delivered = awaiting
        var failed = awaiting
        for count in counts {
            let index = Int((count.minute - first) / step)
            switch count.status {
            case .submitted: awaiting[index] += Double(count.messages)
            case .delivered: delivered[index] += Double(count.messages)
            case .failed: failed[index] += Double(count.messages)
            case .queued, .sending, .unconfirmed: break
            }
        }
        let summary = text("campaign_chart_progress", [
            "submitted": String(total.submitted), "recipients": String(total.recipients), "delivered": String(total.delivered),
            "failed": String(total.failed), "minutes": String(last - firstCounted + 1),
        ])
        return Chart(
            style: .lines, title: text("campaign_chart_progress_title", ["round": String(round)]), summary: summary,
            categories: (0..<steps).map { String(PageText.wallClock(Date(timeIntervalSince1970: TimeInterval((first + Int64($0) * step) * 60))).suffix(5)) },
            series: [
                Chart.Series(name: text("round_delivered"), values: runningTotals(delivered)),
                Chart.Series(name: text("round_failed"), values: runningTotals(failed)),
                Chart.Series(name: text("campaign_chart_awaiting"), values: runningTotals(awaiting)),
            ]
        ).svg()
    }

    /// The share of each province's recipients the round reached, as bars.
    static func reachChart(_ statistics: RoundStatistics, round: Int, text: PageText, divisions: AdministrativeDivisions) -> String {
        let provinces = statistics.byProvince.filter { !$0.key.isEmpty }
        guard let best = provinces.max(by: { $0.figures.reachPercent < $1.figures.reachPercent }) else { return "" }
        func name(_ code: String) -> String { divisions.province(code: code)?.name ?? code }
        let summary = text("campaign_chart_reach", ["province": name(best.key), "percent": String(format: "%.1f", best.figures.reachPercent)])
        return Chart(
            style: .bars, title: text("campaign_chart_reach_title", ["round": String(round)]), summary: summary, categories: provinces.map { name($0.key) },
            series: [Chart.Series(name: text("round_reach"), values: provinces.map(\.figures.reachPercent))]
        ).svg()
    }

    private static func runningTotals(_ values: [Double]) -> [Double] {
        values.reduce(into: []) { totals, value in totals.append((totals.last ?? 0) + value) }
    }
}
