import CovizoneCore
import Foundation
import Hummingbird

/// `GET /exposure/statistics`: uploads, upload codes and export batches of the last two weeks,
/// for health authorities (codes of their province) and the ministry.
struct ExposureStatisticsPageController: Sendable {
    let exposure: ExposureService
    let renderer: PageRenderer

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("exposure/statistics") { request, context in
            let principal = try context.authorize(ExposureService.statisticsReaders)
            let page = ExposureStatisticsPage(try await exposure.statistics(for: principal), province: principal.user.provinceCode, text: renderer.text(for: request))
            return renderer.render("exposure-statistics", titleKey: "stats_title", page: page, request: request, context: context)
        }
    }
}
