import Charts
import CovizoneCore
import Foundation
import FacilitySafety
import HealthDeclaration

/// The headline of each system on the home dashboard, in the account's scope: a sentence and a
/// small chart, so that an official sees at a glance what is going on.
struct DashboardFigures: Sendable {
    let checkIns: CheckInService
    let declarations: DeclarationService
    let exposure: ExposureService
    let campaigns: CampaignService
    let safety: SafetyStatisticsService
    let information: InfoQuestionService
    let misinformation: DeskFigures
    let health: HealthCaseViews

    struct Figure: Sendable {
        var headline: String
        /// A small SVG chart ("" when there is nothing to draw).
        var chart: String
    }

    /// The figures of the systems `principal` may read, by system id.
    func figures(for principal: Principal, text: PageText) async throws -> [String: Figure] {
        let role = principal.user.role
        var figures: [String: Figure] = [:]
        if CheckInStatistics.readers.contains(role) { figures["checkin"] = try await checkInFigure(principal, text) }
        for kind in DeclarationKind.allCases where DeclarationService.worklistReaders.contains(role) {
            figures[kind.rawValue] = try await declarationFigure(kind, principal, text)
        }
        if ExposureService.statisticsReaders.contains(role) { figures["exposure"] = try await exposureFigure(principal, text) }
        if CampaignScope.readers.contains(role) { figures["campaigns"] = try await campaignFigure(principal, text) }
        if SafetyMapController.officers.contains(role) { figures["safetymap"] = try await safetyFigure(principal, text) }
        if WritingScope.writers.contains(role) {
            let questions = try await information.figures(for: principal, days: 14)
            figures["information"] = Figure(headline: questions.headline(text), chart: questions.chart(text, small: true))
        }
        if HealthExchangeService.readers.contains(role) { figures["datasharing"] = try await healthFigure(principal, text) }
        if DeskScope.desk.contains(role) {
            let desk = try await misinformation.summary(by: principal, days: 14)
            figures["misinformation"] = Figure(headline: desk.headline(text), chart: desk.tipsChart(text, small: true))
        }
        return figures
    }

    private func healthFigure(_ principal: Principal, _ text: PageText) async throws -> Figure {
        let figures = try await health.figures(try health.filter(province: nil, status: nil, for: principal), days: 14)
        let headline = text("dashboard_figure_datasharing", [
            "active": String(figures.today.active), "confirmed": String(figures.total.map(\.newConfirmed).reduce(0, +)),
            "beds": String(figures.today.bedsOccupied),
        ])
        return Figure(
            headline: headline,
            chart: Self.sparkline(
                title: text("health_figure_newConfirmed"), summary: headline, labels: figures.total.map { String(VietnamDay.string(ofNumber: $0.day).suffix(5)) },
                values: figures.total.map(\.newConfirmed)
            )
        )
    }

    private func checkInFigure(_ principal: Principal, _ text: PageText) async throws -> Figure {
        let counts = try await checkIns.counts(hours: 24, for: principal).counts
        let headline = text("dashboard_figure_checkin", ["count": String(counts.total)])
        let labels = counts.perHour.map { String(PageText.wallClock(CheckInStatistics.hourStart($0)).suffix(5)) }
        return Figure(headline: headline, chart: Self.sparkline(title: text("checkins_per_hour"), summary: headline, labels: labels, values: counts.perHour.map(\.count)))
    }

    private func declarationFigure(_ kind: DeclarationKind, _ principal: Principal, _ text: PageText) async throws -> Figure {
        let counts = try await declarations.statistics(kind: kind, days: 14, for: principal)
        let perDay = Dictionary(grouping: counts, by: \.day).mapValues { $0.map(\.total).reduce(0, +) }.sorted { $0.key < $1.key }
        let headline = text("dashboard_figure_declarations", [
            "total": String(counts.map(\.total).reduce(0, +)), "high": String(counts.map(\.high).reduce(0, +)),
        ])
        return Figure(
            headline: headline,
            chart: Self.sparkline(title: text("worklist_statistics"), summary: headline, labels: perDay.map { String($0.key.suffix(5)) }, values: perDay.map(\.value))
        )
    }

    private func exposureFigure(_ principal: Principal, _ text: PageText) async throws -> Figure {
        let statistics = try await exposure.statistics(for: principal)
        let days = statistics.uploads.reversed()
        let headline = text("dashboard_figure_exposure", [
            "uploads": String(days.compactMap(\.uploads).reduce(0, +)), "issued": String(statistics.codes.map(\.issued).reduce(0, +)),
        ])
        return Figure(
            headline: headline,
            chart: Self.sparkline(
                title: text("stats_uploads_heading"), summary: headline, labels: days.map { String($0.day.suffix(5)) }, values: days.map { $0.uploads ?? 0 }
            )
        )
    }

    private func campaignFigure(_ principal: Principal, _ text: PageText) async throws -> Figure {
        let list = try await campaigns.list(for: principal)
        var headline = text("dashboard_figure_campaigns", ["count": String(list.count)])
        for campaign in list.sorted(by: { $0.id > $1.id }) {
            guard let reach = try await campaigns.latestFigures(of: campaign)?.statistics.total.reachPercent else { continue }
            headline += " " + text("dashboard_figure_reach", ["name": campaign.content.name, "percent": String(format: "%.1f", reach)])
            break
        }
        return Figure(headline: headline, chart: "")
    }

    private func safetyFigure(_ principal: Principal, _ text: PageText) async throws -> Figure {
        let figures = try await safety.figures(province: nil, by: principal)
        let headline = text("dashboard_figure_safety", [
            "reported": String(figures.byProvince.map(\.reported).reduce(0, +)), "total": String(figures.byProvince.map(\.facilities).reduce(0, +)),
            "unsafe": String(figures.days.last?.counts[.unsafe] ?? 0),
        ])
        return Figure(
            headline: headline,
            chart: Self.sparkline(
                title: text("safety_chart_title"), summary: headline, labels: figures.days.map { String($0.day.suffix(5)) },
                values: figures.days.map { $0.counts[.unsafe] ?? 0 }
            )
        )
    }

    /// Bars small enough for a card; "" when every value is 0.
    private static func sparkline(title: String, summary: String, labels: [String], values: [Int]) -> String {
        guard values.contains(where: { $0 > 0 }) else { return "" }
        return Chart(style: .bars, title: title, summary: summary, categories: labels, series: [Chart.Series(name: title, values: values.map(Double.init))])
            .svg(width: 320, height: 140)
    }
}
