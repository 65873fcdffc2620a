import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation
import Hummingbird

/// `GET /api/v1/exposure/risk-configuration`: the versioned GAEN v2 risk model phones apply to
/// their exposure windows (the newest stored version, or the built-in standard one).
/// `PUT` stores a new version: national health authorities and ministry administrators only,
/// validated, with a higher version number, audited.
struct ExposureController: Sendable {
    let environment: AppEnvironment

    var repository: RiskConfigurationRepository { RiskConfigurationRepository(database: environment.database) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("exposure/risk-configuration", use: current)
        group.put("exposure/risk-configuration", use: replace)
    }

    @Sendable func current(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RiskConfiguration> {
        EditedResponse(headers: [.cacheControl: "public, max-age=3600"], response: try await currentConfiguration())
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RiskConfiguration> {
        let principal = try context.authorize([.ministryAdmin, .healthAuthority])
        guard principal.user.provinceCode == nil else {
            throw APIError.forbidden("The risk configuration is national: only national accounts may change it.")
        }
        let proposed = try await request.decodeJSON(as: RiskConfiguration.self, context: context)
        let problems = proposed.problems().map { FieldError(field: "configuration", message: $0) }
        try ValidationFailure.check(problems)
        let current = try await currentConfiguration()
        guard proposed.version > current.version else {
            throw APIError.invalid([FieldError(field: "version", message: "must be greater than the current version \(current.version)")])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await repository.insert(
            StoredRiskConfiguration(
                version: proposed.version, json: String(decoding: try encoder.encode(proposed), as: UTF8.self), createdBy: principal.user.id,
                createdAt: environment.clock.now
            )
        )
        try await environment.auditRecorder.record(
            "exposure.risk.update", subject: "exposure_risk_configurations/\(proposed.version)", by: context.caller
        )
        return EditedResponse(status: .created, response: proposed)
    }

    private func currentConfiguration() async throws -> RiskConfiguration {
        guard let stored = try await repository.latest() else { return .standard }
        return try JSONDecoder().decode(RiskConfiguration.self, from: Data(stored.json.utf8))
    }
}

extension RiskConfiguration: ResponseEncodable {}
