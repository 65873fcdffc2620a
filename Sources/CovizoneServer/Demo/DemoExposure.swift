import CovizoneCore
import ExposureNotification
import Foundation

/// The demo's exposure notification: each day `demo-health` gives upload codes to people who
/// tested positive, and most of them publish their keys from their phone the same day (a few
/// days have fewer than ten uploads, which the statistics then hide).
struct DemoExposure: Sendable {
    let uploadCodes: UploadCodeService
    let verification: VerificationService
    let keyPublication: KeyPublicationService
    let healthAuthorityID: String
    let actors: DemoActors
    let time: DemoTime

    /// The day's codes and uploads, up to `until`.
    func uploads(on day: Int, until: Date) async throws {
        var random = SplitMix64(smallSeed: day &* 97)
        // One day a week has few uploads, never one of the last two (they show the newest figures).
        let quiet = day % 7 == 3 && day < VietnamDay.number(of: until) - 1
        let codes = quiet ? 7 : 12 + Int.random(in: 0...5, using: &random)
        for index in 0..<codes {
            let issuedAt = VietnamDay.start(ofNumber: day) + TimeInterval(8 * 3600 + index * 1800 + Int.random(in: 0..<900, using: &random))
            guard issuedAt + 3600 < until else { continue }
            time.set(issuedAt)
            let issued = try await uploadCodes.issue(
                by: actors.health, testType: .confirmed, testDate: VietnamDay.string(ofNumber: day), symptomDate: nil, caller: actors.caller(actors.health)
            )
            // One in eight people never types the code.
            guard Int.random(in: 0..<8, using: &random) > 0 else { continue }
            time.set(issuedAt + TimeInterval(120 + Int.random(in: 0..<720, using: &random)))  // within the short code's 15 minutes
            try await publish(code: issued.code.shortCode, day: day)
        }
    }

    /// What a phone does with a code: verify it, get a certificate for the HMAC of its keys of the
    /// thirteen days before, publish them.
    private func publish(code: String, day: Int) async throws {
        let keys = (1...13).map { TemporaryExposureKey.generate(for: VietnamDay.start(ofNumber: day - $0) + 12 * 3600) }
        let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255) })
        let verified = try await verification.verify(code: code, accept: nil, from: "127.0.0.1")
        let hmac = ExposureKeyHMAC.authenticationCode(keys.map { ExposureKeyHMAC.Entry(key: $0) }, secret: secret)
        let certificate = try await verification.certificate(token: verified.token, keysHMAC: hmac.base64EncodedString())
        _ = try await keyPublication.publish(
            PublishRequest(
                temporaryExposureKeys: keys.map {
                    PublishRequest.Key(key: $0.keyData.base64EncodedString(), rollingStartNumber: Int64($0.rollingStartIntervalNumber.rawValue), rollingPeriod: Int64($0.rollingPeriod))
                },
                healthAuthorityID: healthAuthorityID, verificationPayload: certificate, hmacKey: secret.base64EncodedString()
            )
        )
    }
}
