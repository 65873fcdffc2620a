import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation
import Hummingbird

/// `GET /api/v1/exposure/statistics`: the figures of ``ExposureStatistics``. `GET /api/v1/exposure/risk-configuration`: the versioned GAEN v2 risk model phones apply to
/// their exposure windows (the newest stored version, or the built-in standard one).
/// `PUT` stores a new version: national health authorities and ministry administrators only,
/// validated, with a higher version number, audited.
struct ExposureController: Sendable {
    let exposure: ExposureService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("exposure/risk-configuration") { _, _ -> EditedResponse<RiskConfiguration> in
            EditedResponse(headers: [.cacheControl: "public, max-age=3600"], response: try await exposure.riskConfiguration())
        }
        group.put("exposure/risk-configuration") { request, context -> EditedResponse<RiskConfiguration> in
            let principal = try context.authorize([.ministryAdmin, .healthAuthority])
            let proposed = try await request.decodeJSON(as: RiskConfiguration.self, context: context)
            try await exposure.replaceRiskConfiguration(with: proposed, by: principal, caller: context.caller)
            return EditedResponse(status: .created, response: proposed)
        }
        group.get("exposure/statistics") { _, context -> ExposureStatistics in
            try await exposure.statistics(for: try context.authorize(ExposureService.statisticsReaders))
        }
    }
}

extension ExposureStatistics: ResponseEncodable {}

extension RiskConfiguration: ResponseEncodable {}
