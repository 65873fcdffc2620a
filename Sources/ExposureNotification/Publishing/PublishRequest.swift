import Foundation

/// The body a phone sends to publish its keys: version 1 of the GAEN key server's publish API,
/// field for field, so existing exposure notification apps can talk to Covizone.
public struct PublishRequest: Codable, Sendable {
    /// One temporary exposure key as published: base64 key bytes and its validity.
    public struct Key: Codable, Sendable {
        public var key: String
        public var rollingStartNumber: Int64
        public var rollingPeriod: Int64
        /// 0…8; optional since EN v1.5, derived from the report type when 0 or absent.
        public var transmissionRisk: Int64?

        public init(key: String, rollingStartNumber: Int64, rollingPeriod: Int64, transmissionRisk: Int64? = nil) {
            self.key = key
            self.rollingStartNumber = rollingStartNumber
            self.rollingPeriod = rollingPeriod
            self.transmissionRisk = transmissionRisk
        }
    }

    public var temporaryExposureKeys: [Key]
    public var healthAuthorityID: String
    /// The verification certificate (a JWT) from the verification server.
    public var verificationPayload: String?
    /// Base64 secret the phone used for the certificate's keys HMAC.
    public var hmacKey: String?
    /// Interval number of the symptom onset day, when the person gives one on the phone.
    public var symptomOnsetInterval: Int64?
    public var traveler: Bool?
    /// Token from an earlier publish of the same phone, to revise keys published then.
    public var revisionToken: String?
    /// Random data that hides the request's size; ignored.
    public var padding: String?

    public init(
        temporaryExposureKeys: [Key], healthAuthorityID: String, verificationPayload: String?, hmacKey: String?,
        symptomOnsetInterval: Int64? = nil, traveler: Bool? = nil, revisionToken: String? = nil, padding: String? = nil
    ) {
        self.temporaryExposureKeys = temporaryExposureKeys
        self.healthAuthorityID = healthAuthorityID
        self.verificationPayload = verificationPayload
        self.hmacKey = hmacKey
        self.symptomOnsetInterval = symptomOnsetInterval
        self.traveler = traveler
        self.revisionToken = revisionToken
        self.padding = padding
    }
}

/// The key server's answer to a publish: how many keys were stored and the token for revising
/// them later, or an error `code` with a message. Always padded.
public struct PublishResponse: Codable, Sendable {
    public var insertedExposures: Int?
    public var revisionToken: String?
    public var error: String?
    public var code: String?
    public var warnings: [String]?
    public var padding: String?

    public init(
        insertedExposures: Int? = nil, revisionToken: String? = nil, error: String? = nil, code: String? = nil,
        warnings: [String]? = nil, padding: String? = nil
    ) {
        self.insertedExposures = insertedExposures
        self.revisionToken = revisionToken
        self.error = error
        self.code = code
        self.warnings = warnings
        self.padding = padding
    }
}
