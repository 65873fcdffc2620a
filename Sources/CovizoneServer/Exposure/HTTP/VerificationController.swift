import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation
import Hummingbird

/// The verification server for phones, compatible with Google's: `POST /api/v1/exposure/verify`
/// exchanges an upload code for a verification token, `POST /api/v1/exposure/certificate` exchanges
/// the token and the HMAC of the phone's keys for a signed certificate that lets it publish them.
struct VerificationController: Sendable {
    let verification: VerificationService
    let chaff: ChaffLatency

    struct VerifyRequest: Decodable {
        var code: String
        /// Test types the app can handle; GAEN's default is confirmed only.
        var accept: [String]?
        var padding: String?
    }

    struct VerifyResponse: Encodable {
        var testtype: String
        var symptomDate: String?
        var testDate: String?
        var token: String
        var padding = DeviceReply.padding()
    }

    struct CertificateRequest: Decodable {
        var token: String
        var ekeyhmac: String
        var padding: String?
    }

    struct CertificateResponse: Encodable {
        var certificate: String
        var padding = DeviceReply.padding()
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("exposure/verify") { request, context in
            if request.isChaff { return try await chaff.answer("verify") }
            return try await chaff.measure("verify") { try await verify(request, context: context) }
        }
        group.post("exposure/certificate") { request, context in
            if request.isChaff { return try await chaff.answer("certificate") }
            return try await chaff.measure("certificate") { try await certificate(request) }
        }
    }

    func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body: VerifyRequest
        do {
            body = try await DeviceRequestBody.decode(VerifyRequest.self, from: request)
        } catch {
            return Self.failure(error)
        }
        do {
            let verified = try await verification.verify(code: body.code, accept: body.accept, from: context.remoteAddress)
            return DeviceReply.success(
                VerifyResponse(testtype: verified.testType, symptomDate: verified.symptomDate, testDate: verified.testDate, token: verified.token)
            )
        } catch let error as VerificationError {
            return error.reply
        }
    }

    func certificate(_ request: Request) async throws -> Response {
        let body: CertificateRequest
        do {
            body = try await DeviceRequestBody.decode(CertificateRequest.self, from: request)
        } catch {
            return Self.failure(error)
        }
        do {
            return DeviceReply.success(CertificateResponse(certificate: try await verification.certificate(token: body.token, keysHMAC: body.ekeyhmac)))
        } catch let error as VerificationError {
            return error.reply
        }
    }

    static func failure(_ error: DeviceRequestBody.Failure) -> Response {
        switch error {
        case .tooLarge: DeviceReply.failure(.contentTooLarge, code: "unparsable_request", message: "the body is over 64 KiB", style: .verification)
        case .unparsable(let reason): DeviceReply.failure(.badRequest, code: "unparsable_request", message: reason, style: .verification)
        }
    }
}
