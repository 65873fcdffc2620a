import CovizoneCore
import Crypto
import Foundation

/// One outbreak as phones see it: which venue (hashed), when visits there were exposed, and what
/// to do. Phones match notices against the visits they keep, so the server never learns who was
/// where.
public struct OutbreakNotice: Codable, Equatable, Sendable {
    /// ``OutbreakNotice/venueHash(_:)`` of the venue.
    public var venueHash: String
    /// The exposure window (the declared window with its buffer), Unix seconds.
    public var from: Int64
    public var to: Int64
    /// `low`, `medium` or `high`.
    public var severity: OutbreakSeverity
    public var message: String

    public init(venueHash: String, from: Int64, to: Int64, severity: OutbreakSeverity, message: String) {
        self.venueHash = venueHash
        self.from = from
        self.to = to
        self.severity = severity
        self.message = message
    }

    /// The first 16 bytes of SHA-256 over a label and the venue id, base64url: a published list
    /// does not name the venues in clear.
    public static func venueHash(_ venueID: Int64) -> String {
        var input = Data("covizone-outbreak-notice-v1".utf8)
        withUnsafeBytes(of: venueID.bigEndian) { input.append(contentsOf: $0) }
        return Data(SHA256.hash(data: input).prefix(16)).base64URLEncodedString
    }

    /// True when a visit at `venueID` from `arrivedAt` to `leftAt` overlaps the window.
    public func matches(venueID: Int64, arrivedAt: Date, leftAt: Date) -> Bool {
        venueHash == Self.venueHash(venueID) && arrivedAt.timeIntervalSince1970 < Double(to) && leftAt.timeIntervalSince1970 > Double(from)
    }
}

/// The outbreak notices the server publishes at `GET /api/v1/outbreaks/notices`: the JSON list
/// as base64url `payload`, signed with the venue pass key (P-256 ECDSA, raw r ‖ s, base64url),
/// so an app trusts it as much as the posters it scans.
public struct SignedNoticeList: Codable, Equatable, Sendable {
    public var keyVersion: Int
    public var payload: String
    public var signature: String

    /// What the payload holds.
    public struct Contents: Codable, Equatable, Sendable {
        /// Unix seconds.
        public var generatedAt: Int64
        public var notices: [OutbreakNotice]

        public init(generatedAt: Int64, notices: [OutbreakNotice]) {
            self.generatedAt = generatedAt
            self.notices = notices
        }
    }

    public init(keyVersion: Int, payload: String, signature: String) {
        self.keyVersion = keyVersion
        self.payload = payload
        self.signature = signature
    }

    /// Signs `contents` with the venue key of `keyVersion`.
    public init(_ contents: Contents, keyVersion: UInt8, key: P256.Signing.PrivateKey) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = try encoder.encode(contents)
        self.init(
            keyVersion: Int(keyVersion), payload: bytes.base64URLEncodedString, signature: try key.signature(for: bytes).rawRepresentation.base64URLEncodedString
        )
    }

    /// The notices, once the signature checks out against the server's venue keys.
    public func verified(keys: [UInt8: P256.Signing.PublicKey]) throws(VenuePass.Failure) -> Contents {
        guard let version = UInt8(exactly: keyVersion), let key = keys[version] else { throw .unknownKey(UInt8(clamping: keyVersion)) }
        guard let bytes = Data(base64URLEncoded: payload), let signatureBytes = Data(base64URLEncoded: signature),
            let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signatureBytes), key.isValidSignature(ecdsa, for: bytes)
        else { throw .invalidSignature }
        guard let contents = try? JSONDecoder().decode(Contents.self, from: bytes) else { throw .malformed("the notice list is not readable") }
        return contents
    }
}
