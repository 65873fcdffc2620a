import ExposureNotification
import Hummingbird

/// Exposure notification endpoints for phones. `GET /api/v1/exposure/risk-configuration`: the
/// versioned GAEN v2 risk model phones apply to their exposure windows.
struct ExposureController: Sendable {
    let riskConfiguration: RiskConfiguration

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("exposure/risk-configuration", use: risk)
    }

    @Sendable func risk(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RiskConfiguration> {
        EditedResponse(headers: [.cacheControl: "public, max-age=3600"], response: riskConfiguration)
    }
}

extension RiskConfiguration: ResponseEncodable {}
