import CovizoneCore
import Foundation
import Hummingbird

/// `GET /api/v1/exposure/statistics` and the page `/exposure/statistics`, for health authorities
/// and ministry administrators.
struct ExposureStatisticsController: Sendable {
    let environment: AppEnvironment

    struct Document: ResponseEncodable {
        var statistics: ExposureStatistics

        func encode(to encoder: any Encoder) throws { try statistics.encode(to: encoder) }
    }

    func addRoutes(api: RouterGroup<AppRequestContext>, web: RouterGroup<AppRequestContext>) {
        api.get("exposure/statistics") { _, context in
            let principal = try context.authorize([.healthAuthority, .ministryAdmin])
            return Document(statistics: try await ExposureStatistics.load(for: principal, environment: environment))
        }
        web.get("exposure/statistics") { request, context in
            let principal = try context.authorize([.healthAuthority, .ministryAdmin])
            let statistics = try await ExposureStatistics.load(for: principal, environment: environment)
            let language = PageRenderer.language(of: request)
            let fewer = environment.renderer.localizer.string("stats_fewer_than_10", language)
            let model: [String: Any] = [
                "uploads": statistics.uploads.map { day -> [String: Any] in
                    ["day": day.day, "uploads": day.uploads.map(String.init) ?? fewer, "keys": day.keys.map(String.init) ?? "—"]
                },
                "codes": statistics.codes.map { ["day": $0.day, "issued": $0.issued, "used": $0.used] as [String: Any] },
                "batches": statistics.batches.map { batch -> [String: Any] in
                    let window = [batch.start, batch.end].compactMap { try? Date($0, strategy: .iso8601).formatted(PageRenderer.vietnamTime) }
                    return ["window": window.joined(separator: " – "), "keys": batch.keys, "revisedKeys": batch.revisedKeys, "files": batch.files]
                },
                "hasBatches": !statistics.batches.isEmpty,
                "province": principal.user.provinceCode ?? "",
            ]
            return environment.renderer.render("exposure-statistics", titleKey: "stats_title", page: model, request: request, context: context)
        }
    }
}
