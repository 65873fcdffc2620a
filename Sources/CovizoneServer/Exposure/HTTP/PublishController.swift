import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation
import Hummingbird

/// The key server for phones, compatible with Google's v1 API: `POST /api/v1/exposure/publish`
/// stores the keys of a verified diagnosis (or revises keys published before) and answers
/// `{insertedExposures, revisionToken, padding}` or `{code, error, padding}`.
struct PublishController: Sendable {
    let publication: KeyPublicationService
    let chaff: ChaffLatency

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
            let result = try await publication.publish(body)
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
}
