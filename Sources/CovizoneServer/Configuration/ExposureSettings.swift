import Foundation

/// Settings of the exposure notification verification and key server.
public struct ExposureSettings: Sendable {
    /// Region code written into export files and their path (`/exposure/v1/{region}/`).
    public var region = "VN"
    /// The `healthAuthorityID` apps send when they publish.
    public var healthAuthorityID = "vn.covizone"
    /// How long one export batch window lasts; must divide a day.
    public var exportPeriod: Duration = .seconds(3600)
    /// How long after a window closes its batch is cut, so late uploads of the window are in it.
    public var exportDelay: Duration = .seconds(7200)
    /// Files with fewer real keys are padded with random keys up to this (plus 0–100).
    public var minimumKeysPerFile = 1_000
    /// The id phones know the export signing key by (Vietnam's mobile country code, as GAEN asks).
    public var exportKeyID = "452"
    /// A folder kept identical to `/exposure/v1/` after every export cycle, to sync to a CDN.
    public var exportDirectory: String?
    /// How long keys, certificates and export files are kept.
    public var retention: Duration = .seconds(14 * 86_400)
    /// Most wrong upload codes all phones together may try within the login throttle window (each
    /// address also has the per-address login limit): a bound on how fast anyone, from however many
    /// addresses, can search for a live 8-digit code.
    public var maximumCodeGuesses = 300

    /// `iss` and `aud` of the verification certificates this server issues and accepts.
    public let certificateIssuer = "covizone-verification"
    public let certificateAudience = "covizone-keys"
    /// How long a certificate may be used to publish.
    public let certificateLifetime: Duration = .seconds(15 * 60)
    /// How long a claimed code's verification token may be exchanged for a certificate.
    public let verificationTokenLifetime: Duration = .seconds(24 * 3600)

    public init() {}

    func problems() -> [String] {
        var problems: [String] = []
        let period = exportPeriod.components.seconds
        if period < 60 || 86_400 % period != 0 { problems.append("exposure export period must be at least 1 minute and divide 24 hours") }
        if exportDelay < .zero { problems.append("exposure export delay must not be negative") }
        if maximumCodeGuesses < 1 { problems.append("exposure code guesses must be at least 1") }
        if !(0...500_000).contains(minimumKeysPerFile) { problems.append("exposure minimum keys per file must be 0 to 500000") }
        if region.isEmpty || !region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append("exposure region must be letters, digits or '-'")
        }
        if healthAuthorityID.isEmpty { problems.append("exposure health authority id is empty") }
        return problems
    }
}
