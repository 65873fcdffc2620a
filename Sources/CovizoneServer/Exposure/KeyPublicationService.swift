import CovizoneCore
import CovizoneStore
import ExposureNotification
import Foundation

/// The key server's publishing, compatible with Google's: a phone's keys are taken when its
/// verification certificate is genuine, for this health authority and unexpired, and they pass
/// the publishing policy; a revision token lets the same phone revise them later.
struct KeyPublicationService: Sendable {
    let keys: ExposureKeyRepository
    let keyring: ExposureKeyring
    let settings: ExposureSettings
    let clock: WallClock
    var policy = PublishPolicy()

    /// Checks and stores an upload; throws ``PublishRejection`` with Google's reason codes.
    func publish(_ body: PublishRequest) async throws -> (inserted: Int, revisionToken: String, warnings: [String]) {
        guard body.healthAuthorityID == settings.healthAuthorityID else {
            throw PublishRejection(.unknownHealthAuthority, "unknown healthAuthorityID '\(body.healthAuthorityID)'")
        }
        guard let certificate = body.verificationPayload, !certificate.isEmpty else {
            throw PublishRejection(.certificateInvalid, "verificationPayload (the verification certificate) is required")
        }
        let now = clock.now
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
        let plan = try await keys.publish(
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
