import Foundation

/// What a verification certificate asserts (the claims of the GAEN verification protocol's JWT):
/// who issued it for which key server, how long it is good for, the diagnosis, and the HMAC of the
/// keys the phone is allowed to publish with it.
public struct VerificationClaims: Codable, Equatable, Sendable {
    /// `iss`: the verification server.
    public var issuer: String
    /// `aud`: the key server that accepts it.
    public var audience: String
    /// `iat`, `nbf`, `exp`: seconds since the Unix epoch.
    public var issuedAt: Int64
    public var notBefore: Int64
    public var expiresAt: Int64
    /// `jti`: unique per certificate, so the key server can accept each one once.
    public var certificateID: String
    /// `confirmed`, `likely` or `negative`.
    public var reportType: TestType
    /// Interval number of the UTC day symptoms began, when known.
    public var symptomOnsetInterval: UInt32?
    /// Interval number of the UTC day of the test, when known.
    public var testDateInterval: UInt32?
    /// `tekmac`: base64 HMAC-SHA256 of the keys (see ``ExposureKeyHMAC``).
    public var keysHMAC: String

    public init(
        issuer: String, audience: String, issuedAt: Int64, notBefore: Int64, expiresAt: Int64, certificateID: String,
        reportType: TestType, symptomOnsetInterval: UInt32?, testDateInterval: UInt32?, keysHMAC: String
    ) {
        self.issuer = issuer
        self.audience = audience
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expiresAt = expiresAt
        self.certificateID = certificateID
        self.reportType = reportType
        self.symptomOnsetInterval = symptomOnsetInterval
        self.testDateInterval = testDateInterval
        self.keysHMAC = keysHMAC
    }

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case audience = "aud"
        case issuedAt = "iat"
        case notBefore = "nbf"
        case expiresAt = "exp"
        case certificateID = "jti"
        case reportType
        case symptomOnsetInterval
        case testDateInterval
        case keysHMAC = "tekmac"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try container.decode(String.self, forKey: .issuer)
        // RFC 7519 allows one audience or a list of them.
        if let audiences = try? container.decode([String].self, forKey: .audience) {
            audience = audiences.first ?? ""
        } else {
            audience = try container.decode(String.self, forKey: .audience)
        }
        issuedAt = try container.decode(Int64.self, forKey: .issuedAt)
        notBefore = try container.decodeIfPresent(Int64.self, forKey: .notBefore) ?? issuedAt
        expiresAt = try container.decode(Int64.self, forKey: .expiresAt)
        certificateID = try container.decode(String.self, forKey: .certificateID)
        reportType = try container.decode(TestType.self, forKey: .reportType)
        symptomOnsetInterval = try container.decodeIfPresent(UInt32.self, forKey: .symptomOnsetInterval).flatMap { $0 == 0 ? nil : $0 }
        testDateInterval = try container.decodeIfPresent(UInt32.self, forKey: .testDateInterval).flatMap { $0 == 0 ? nil : $0 }
        keysHMAC = try container.decode(String.self, forKey: .keysHMAC)
    }
}
