import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation
import Hummingbird

/// The verification server for phones, compatible with Google's: `POST /api/v1/exposure/verify`
/// exchanges an upload code for a verification token, `POST /api/v1/exposure/certificate` exchanges
/// the token and the HMAC of the phone's keys for a signed certificate that lets it publish them.
struct VerificationController: Sendable {
    let environment: AppEnvironment
    let keyring: ExposureKeyring
    let chaff: ChaffLatency

    var settings: ExposureSettings { environment.configuration.exposure }
    var codes: UploadCodeRepository { UploadCodeRepository(database: environment.database) }

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
        let now = environment.clock.now
        let throttle = AttemptThrottle(attempts: environment.loginFailures, window: environment.configuration.loginThrottleWindow.timeInterval)
        let limits = AttemptThrottle.Limits(perName: settings.maximumCodeGuesses, perAddress: environment.configuration.maximumFailedLoginsPerAddress)
        let attempt = try await throttle.attempt(name: Self.throttleName, address: context.remoteAddress, limits: limits, at: now)
        guard attempt.isAllowed else {
            return DeviceReply.failure(.tooManyRequests, code: "quota_exceeded", message: "too many wrong codes; wait and retry", style: .verification)
        }
        let code = body.code.filter { !$0.isWhitespace && $0 != "-" }.lowercased()
        guard (8...16).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return Self.refusal("code_invalid", "the code is not an 8-digit or 16-character upload code")
        }
        let token = SecretToken()
        let outcome = try await codes.claim(
            codeHash: SecretToken(value: code).hash, tokenHash: token.hash,
            tokenExpiresAt: now + settings.verificationTokenLifetime.timeInterval, now: now
        )
        switch outcome {
        case .notFound:
            return Self.refusal("code_not_found", "no such upload code")
        case .expired:
            return DeviceReply.failure(.badRequest, code: "code_expired", message: "the upload code has expired; ask for a new one", style: .verification)
        case .alreadyUsed:
            return DeviceReply.failure(.badRequest, code: "code_invalid", message: "the upload code has already been used", style: .verification)
        case .accepted(let record):
            try await throttle.succeeded(attempt)
            let accepted = body.accept ?? [TestType.confirmed.rawValue]
            guard accepted.contains(record.details.testType) else {
                return DeviceReply.failure(
                    .preconditionFailed, code: "unsupported_test_type",
                    message: "the code is for a \(record.details.testType) diagnosis, which the app does not accept", style: .verification
                )
            }
            return DeviceReply.success(
                VerifyResponse(testtype: record.details.testType, symptomDate: record.details.symptomDate, testDate: record.details.testDate, token: token.value)
            )
        }
    }

    func certificate(_ request: Request) async throws -> Response {
        let body: CertificateRequest
        do {
            body = try await DeviceRequestBody.decode(CertificateRequest.self, from: request)
        } catch {
            return Self.failure(error)
        }
        guard let hmac = Data(base64Encoded: body.ekeyhmac), hmac.count == 32 else {
            return DeviceReply.failure(.badRequest, code: "hmac_invalid", message: "ekeyhmac must be a base64 HMAC-SHA256", style: .verification)
        }
        let now = environment.clock.now
        switch try await codes.redeem(tokenHash: SecretToken(value: body.token).hash, now: now) {
        case .notFound, .alreadyUsed:
            return DeviceReply.failure(.badRequest, code: "token_invalid", message: "the verification token is unknown or already used", style: .verification)
        case .expired:
            return DeviceReply.failure(.badRequest, code: "token_expired", message: "the verification token has expired", style: .verification)
        case .accepted(let record):
            let signer = try await keyring.certificateSigningKey()
            let claims = VerificationClaims(
                issuer: settings.certificateIssuer, audience: settings.certificateAudience, issuedAt: now.unixSeconds,
                notBefore: now.unixSeconds, expiresAt: now.unixSeconds + settings.certificateLifetime.components.seconds,
                certificateID: SecretToken().value, reportType: TestType(rawValue: record.details.testType) ?? .confirmed,
                symptomOnsetInterval: Self.interval(of: record.details.symptomDate), testDateInterval: Self.interval(of: record.details.testDate),
                keysHMAC: hmac.base64EncodedString()
            )
            let certificate = try VerificationCertificate.sign(claims, keyID: signer.keyID, key: signer.key)
            return DeviceReply.success(CertificateResponse(certificate: certificate))
        }
    }

    /// Name under which guesses of upload codes are counted in the failed-attempts table.
    static let throttleName = "#exposure-verify"

    /// A wrong code (its attempt stays counted).
    private static func refusal(_ code: String, _ message: String) -> Response {
        DeviceReply.failure(.badRequest, code: code, message: message, style: .verification)
    }

    static func failure(_ error: DeviceRequestBody.Failure) -> Response {
        switch error {
        case .tooLarge: DeviceReply.failure(.contentTooLarge, code: "unparsable_request", message: "the body is over 64 KiB", style: .verification)
        case .unparsable(let reason): DeviceReply.failure(.badRequest, code: "unparsable_request", message: reason, style: .verification)
        }
    }

    /// The interval number of a `YYYY-MM-DD` day's UTC midnight, as GAEN certificates carry dates.
    static func interval(of day: String?) -> UInt32? {
        guard let day else { return nil }
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
        return ENIntervalNumber(date: date).rawValue
    }
}

