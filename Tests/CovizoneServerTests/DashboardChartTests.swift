@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import Foundation
import Testing

@Suite("The dashboards' charts, drawn from their page models")
struct DashboardChartTests {
    let english: PageText
    let divisions: AdministrativeDivisions

    init() throws {
        english = PageText(localizer: try Localizer.load(from: ServerResources.directory.appendingPathComponent("Localization")), language: .en)
        divisions = try AdministrativeDivisions.bundled()
    }

    @Test("the exposure statistics draw uploads and keys per day from the oldest day, hidden days at 0 and counted in the summary")
    func exposureStatistics() throws {
        let statistics = ExposureStatistics(
            uploads: [
                .init(day: "2027-01-20", uploads: 12, keys: 140), .init(day: "2027-01-19", uploads: nil, keys: nil),
                .init(day: "2027-01-18", uploads: 15, keys: 160),
            ],
            codes: [.init(day: "2027-01-20", issued: 9, used: 4), .init(day: "2027-01-19", issued: 3, used: 3), .init(day: "2027-01-18", issued: 0, used: 0)],
            batches: []
        )
        let page = ExposureStatisticsPage(statistics, province: "79", text: english)
        #expect(page.uploadsChart.contains("27 uploads with 300 keys over 3 days; 1 days had fewer than 10 uploads"))
        #expect(page.uploadsChart.contains("<title>01-19, Uploads: 0</title>"), "a hidden day is drawn at 0")
        let oldest = try #require(page.keysChart.range(of: "01-18, Keys: 160"))
        let newest = try #require(page.keysChart.range(of: "01-20, Keys: 140"))
        #expect(oldest.lowerBound < newest.lowerBound, "days run left to right")
        #expect(page.keysChart.contains("<title>01-19, Keys: 0</title>") && page.keysChart.contains("300 diagnosis keys published"))
        #expect(page.codesChart.contains("12 upload codes issued and 7 used over 3 days"))
        #expect(page.codesChart.contains("<title>01-20, Issued: 9</title>") && page.codesChart.contains("<title>01-20, Used: 4</title>"))
    }

    @Test("the worklist stacks each day's declarations by risk, the provinces of one day together")
    func worklist() throws {
        func day(_ province: String, _ day: String, low: Int, medium: Int, high: Int) -> DeclarationService.DayCount {
            .init(provinceCode: province, provinceName: province, day: day, low: low, medium: medium, high: high, total: low + medium + high)
        }
        let statistics = [day("79", "2027-01-20", low: 3, medium: 1, high: 2), day("01", "2027-01-20", low: 1, medium: 0, high: 1), day("79", "2027-01-19", low: 5, medium: 0, high: 0)]
        let ministry = AccountScope(role: .ministryAdmin, provinceCode: nil)
        let page = WorklistPage(parameters: [:], scope: ministry, statistics: statistics, text: english, divisions: divisions)
        #expect(page.chart.contains("13 in 2 days, 3 of them high risk"))
        #expect(page.chart.contains("<title>01-20, \(english("declaration_risk_high")): 3</title>"), "two provinces' high-risk declarations of one day in one bar")
        #expect(page.chart.contains("<title>01-19, \(english("declaration_risk_low")): 5</title>"))
        let empty = WorklistPage(parameters: [:], scope: ministry, statistics: [], text: english, divisions: divisions)
        #expect(empty.chart.isEmpty, "no chart without declarations")
    }

    @Test("zoning draws exposed visitors per ward and names the ward with the most")
    func zoning() {
        let zones = [
            OutbreakService.WardZone(wardCode: "26734", wardName: "Phường Bến Nghé", outbreaks: 1, exposedVisits: 9, exposedVisitors: 7, venues: []),
            OutbreakService.WardZone(wardCode: "26737", wardName: "Phường Bến Thành", outbreaks: 1, exposedVisits: 4, exposedVisitors: 4, venues: []),
        ]
        let page = ZoningPage(days: 14, zones: zones, text: english)
        #expect(page.chart.contains("Phường Bến Nghé has the most, 7"))
        #expect(page.chart.contains("<title>Phường Bến Thành, Exposed visitors: 4</title>"))
        #expect(ZoningPage(days: 14, zones: [], text: english).chart.isEmpty)
    }

    @Test("a round's progress sums what was delivered, failed and awaits its receipt up to each minute")
    func roundProgress() {
        let minute = Int64(1_800_000_000 / 60)
        let counts = [
            RoundProgressCount(minute: minute, status: .submitted, messages: 5), RoundProgressCount(minute: minute + 1, status: .delivered, messages: 3),
            RoundProgressCount(minute: minute + 1, status: .failed, messages: 1), RoundProgressCount(minute: minute + 2, status: .queued, messages: 2),
        ]
        var total = RoundStatistics.Figures()
        total.recipients = 11
        total.submitted = 8
        total.delivered = 3
        total.failed = 1
        let chart = CampaignPage.progressChart(counts, round: 1, total: total, text: english)
        let label = { (offset: Int64) in String(PageText.wallClock(Date(timeIntervalSince1970: TimeInterval((minute + offset) * 60))).suffix(5)) }
        #expect(chart.contains("Round 1 going out") && chart.contains("8 of 11 messages accepted by the SMSC, 3 delivered and 1 failed, over 3 minutes"))
        #expect(chart.contains("<title>\(label(-1)), Awaiting receipt: 0</title>"), "the line starts from nothing")
        #expect(chart.contains("<title>\(label(0)), Awaiting receipt: 5</title>") && chart.contains("<title>\(label(1)), Delivered: 3</title>"))
        #expect(chart.contains("<title>\(label(2)), Delivered: 3</title>") && chart.contains("<title>\(label(2)), Failed: 1</title>"), "totals carry on")
        #expect(CampaignPage.progressChart([], round: 1, total: total, text: english).isEmpty)
    }

    @Test("a long round is drawn in wider steps, at most 48 points")
    func longRoundProgress() {
        let start = Int64(1_800_000_000 / 60)
        let counts = (0..<200).map { RoundProgressCount(minute: start + Int64($0), status: .delivered, messages: 1) }
        let chart = CampaignPage.progressChart(counts, round: 2, total: RoundStatistics.Figures(), text: english)
        let points = chart.components(separatedBy: "<circle").count - 1
        #expect(points <= 3 * CampaignPage.progressPoints && points >= 3 * 40, "three lines of 40 to 48 points, not 200")
        #expect(chart.contains(": 200</title>"), "the last point holds every message")
    }

    @Test("reach per province names the best-reached province")
    func reach() {
        let statistics = RoundStatistics(tallies: [
            RoundTally(operatorID: "viettel", provinceCode: "01", status: .delivered, messages: 3, units: 3),
            RoundTally(operatorID: "viettel", provinceCode: "01", status: .failed, messages: 1, units: 1),
            RoundTally(operatorID: "viettel", provinceCode: "79", status: .delivered, messages: 1, units: 1),
            RoundTally(operatorID: "viettel", provinceCode: "79", status: .submitted, messages: 3, units: 3),
        ])
        let chart = CampaignPage.reachChart(statistics, round: 1, text: english, divisions: divisions)
        let hanoi = divisions.province(code: "01")?.name ?? "01"
        #expect(chart.contains("\(hanoi) the highest, 75.0 %"))
        #expect(chart.contains("<title>\(hanoi), Reach: 75</title>") && chart.contains(": 25</title>"))
    }
}
