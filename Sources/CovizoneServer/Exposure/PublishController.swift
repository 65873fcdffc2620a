import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation
import Hummingbird

/// The key server for phones, compatible with Google's v1 API: `POST /api/v1/exposure/publish`
/// stores the keys of a verified diagnosis (or revises keys published before) and answers
/// `{insertedExposures, revisionToken, padding}` or `{code, error, padding}`.
struct PublishController: Sendable {
    let environment: AppEnvironment
    let keyring: ExposureKeyring
    let chaff: ChaffLatency
    var policy = PublishPolicy()

    var settings: ExposureSettings { environment.configuration.exposure }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("exposure/publish") { request, context in
            if request.isChaff { return try await chaff.answer("publish") }
            return try await chaff.measure("publish") { try await publish(request, context: context) }
        }
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body: PublishRequest
        do {
            body = try await DeviceRequestBody.decode(PublishRequest.self, from: request)
        } catch .tooLarge {
            return DeviceReply.failure(.contentTooLarge, code: PublishRejection.Code.badRequest.rawValue, message: "the body is over 64 KiB", style: .keyServer)
        } catch .unparsable(let reason) {
            return DeviceReply.failure(.badRequest, code: PublishRejection.Code.badRequest.rawValue, message: reason, style: .keyServer)
        }
        do {
            let result = try await store(body)
            context.logger.info("exposure keys published", metadata: ["exposure.inserted": "\(result.inserted)"])
            return DeviceReply.success(
                PublishResponse(
                    insertedExposures: result.inserted, revisionToken: result.revisionToken,
                    warnings: result.warnings.isEmpty ? nil : result.warnings, padding: DeviceReply.padding()
                )
            )
        } catch let rejection as PublishRejection {
            let status: HTTPResponse.Status = switch rejection.code {
            case .unknownHealthAuthority, .certificateInvalid: .unauthorized
            default: .badRequest
            }
            return DeviceReply.failure(status, code: rejection.code.rawValue, message: rejection.message, style: .keyServer)
        }
    }

    /// Checks the request from health authority to revision and stores it.
    private func store(_ body: PublishRequest) async throws -> (inserted: Int, revisionToken: String, warnings: [String]) {
        guard body.healthAuthorityID == settings.healthAuthorityID else {
            throw PublishRejection(.unknownHealthAuthority, "unknown healthAuthorityID '\(body.healthAuthorityID)'")
        }
        guard let certificate = body.verificationPayload, !certificate.isEmpty else {
            throw PublishRejection(.certificateInvalid, "verificationPayload (the verification certificate) is required")
        }
        let now = environment.clock.now
        let claims: VerificationClaims
        do {
            claims = try VerificationCertificate.verify(
                certificate, keys: try await keyring.certificateVerificationKeys(), issuer: settings.certificateIssuer,
                audience: settings.certificateAudience, now: now
            )
        } catch let failure as VerificationCertificate.Failure {
            throw PublishRejection(.certificateInvalid, failure.description)
        }
        let upload = try policy.accept(body, claims: claims, now: now)
        let revisionToken = SecretToken()
        let plan = try await ExposureKeyRepository(database: environment.database).publish(
            KeyPublication(
                certificateID: claims.certificateID, certificateExpiresAt: Date(timeIntervalSince1970: TimeInterval(claims.expiresAt)),
                keys: upload.keys, region: settings.region,
                presentedTokenHash: body.revisionToken.flatMap { $0.isEmpty ? nil : SecretToken(value: $0).hash },
                newTokenHash: revisionToken.hash, now: now, statisticsDay: VietnamDay.string(of: now)
            )
        )
        return (plan.newKeys.count + plan.revisedKeys.count, revisionToken.value, upload.warnings + plan.warnings)
    }
}
