import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation

/// The verification server for phones, compatible with Google's: an upload code becomes a
/// verification token, and the token with the HMAC of the phone's keys becomes a signed
/// certificate that lets the phone publish them. Guesses of codes are counted before the code is
/// looked at, so that parallel guesses cannot outrun the limit.
struct VerificationService: Sendable {
    let codes: UploadCodeRepository
    let keyring: ExposureKeyring
    /// Counts guesses of upload codes, across every server instance.
    let guesses: AttemptThrottle
    let guessLimits: AttemptThrottle.Limits
    let settings: ExposureSettings
    let clock: WallClock

    /// Name under which guesses of upload codes are counted in the attempts table.
    static let throttleName = "#exposure-verify"

    /// What a verified upload code gives the phone.
    struct Verified: Sendable {
        var testType: String
        var symptomDate: String?
        var testDate: String?
        /// The verification token, exchanged for a certificate.
        var token: String
    }

    /// Exchanges an upload code (typed by a person, so spaces and dashes are dropped) for a
    /// verification token, when the phone accepts the code's diagnosis (`accept`, default
    /// confirmed only).
    func verify(code typed: String, accept: [String]?, from address: String) async throws -> Verified {
        let now = clock.now
        let attempt = try await guesses.attempt(name: Self.throttleName, address: address, limits: guessLimits, at: now)
        guard attempt.isAllowed else { throw VerificationError.quotaExceeded }
        let code = typed.filter { !$0.isWhitespace && $0 != "-" }.lowercased()
        guard (8...16).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw VerificationError.codeInvalid(reason: "the code is not an 8-digit or 16-character upload code")
        }
        let token = SecretToken()
        let outcome = try await codes.claim(
            codeHash: SecretToken(value: code).hash, tokenHash: token.hash, tokenExpiresAt: now + settings.verificationTokenLifetime.timeInterval, now: now
        )
        switch outcome {
        case .notFound: throw VerificationError.codeNotFound
        case .expired: throw VerificationError.codeExpired
        case .alreadyUsed: throw VerificationError.codeUsed
        case .accepted(let record):
            try await guesses.succeeded(attempt)
            guard (accept ?? [TestType.confirmed.rawValue]).contains(record.details.testType) else {
                throw VerificationError.unsupportedTestType(record.details.testType)
            }
            return Verified(testType: record.details.testType, symptomDate: record.details.symptomDate, testDate: record.details.testDate, token: token.value)
        }
    }

    /// Exchanges a verification token and the base64 HMAC of the phone's keys for a signed certificate.
    func certificate(token: String, keysHMAC: String) async throws -> String {
        guard let hmac = Data(base64Encoded: keysHMAC), hmac.count == 32 else { throw VerificationError.hmacInvalid }
        let now = clock.now
        switch try await codes.redeem(tokenHash: SecretToken(value: token).hash, now: now) {
        case .notFound, .alreadyUsed: throw VerificationError.tokenInvalid
        case .expired: throw VerificationError.tokenExpired
        case .accepted(let record):
            let signer = try await keyring.certificateSigningKey()
            let claims = VerificationClaims(
                issuer: settings.certificateIssuer, audience: settings.certificateAudience, issuedAt: now.unixSeconds, notBefore: now.unixSeconds,
                expiresAt: now.unixSeconds + settings.certificateLifetime.components.seconds, certificateID: SecretToken().value,
                reportType: TestType(rawValue: record.details.testType) ?? .confirmed, symptomOnsetInterval: Self.interval(of: record.details.symptomDate),
                testDateInterval: Self.interval(of: record.details.testDate), keysHMAC: hmac.base64EncodedString()
            )
            return try VerificationCertificate.sign(claims, keyID: signer.keyID, key: signer.key)
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
