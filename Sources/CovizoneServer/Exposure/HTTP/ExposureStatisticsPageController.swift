import CovizoneCore
import Foundation
import Hummingbird

/// `GET /exposure/statistics`: uploads, upload codes and export batches of the last two weeks,
/// for health authorities (codes of their province) and the ministry.
struct ExposureStatisticsPageController: Sendable {
    let exposure: ExposureService
    let renderer: PageRenderer

    /// The page's model: days with too few uploads say so instead of a number.
    struct Page: Sendable {
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
        }
    }

    func addRoutes(to web: RouterGroup<AppRequestContext>) {
        web.get("exposure/statistics") { request, context in
            let principal = try context.authorize(ExposureService.statisticsReaders)
            let page = Page(try await exposure.statistics(for: principal), province: principal.user.provinceCode, text: renderer.text(for: request))
            return renderer.render("exposure-statistics", titleKey: "stats_title", page: page, request: request, context: context)
        }
    }
}
