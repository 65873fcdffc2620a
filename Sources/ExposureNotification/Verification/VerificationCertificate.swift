import CovizoneCore
import Crypto
import Foundation

/// A verification certificate: ``VerificationClaims`` in a compact JWS signed with ES256
/// (ECDSA P-256, SHA-256, raw `r‖s` signature), as Google's verification server issues them.
public enum VerificationCertificate {
    /// Clock difference tolerated between the issuing and the checking server.
    public static let allowedClockSkew: Int64 = 60

    /// Why a certificate was refused.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(String)
        case unknownKey(String)
        case badSignature
        case wrongIssuer
        case wrongAudience
        case expired
        case notYetValid

        public var description: String {
            switch self {
            case .malformed(let reason): "the certificate is malformed: \(reason)"
            case .unknownKey(let keyID): "the certificate is signed with an unknown key '\(keyID)'"
            case .badSignature: "the certificate's signature does not verify"
            case .wrongIssuer: "the certificate was issued by another verification server"
            case .wrongAudience: "the certificate is meant for another key server"
            case .expired: "the certificate has expired"
            case .notYetValid: "the certificate is not valid yet"
            }
        }
    }

    struct Header: Codable {
        var alg: String
        var kid: String?
        var typ: String?
    }

    /// Signs `claims` with `key`, naming it `keyID` in the header.
    public static func sign(_ claims: VerificationClaims, keyID: String, key: P256.Signing.PrivateKey) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let header = try encoder.encode(Header(alg: "ES256", kid: keyID, typ: "JWT")).base64URLEncodedString
        let payload = try encoder.encode(claims).base64URLEncodedString
        let signingInput = "\(header).\(payload)"
        let signature = try key.signature(for: Data(signingInput.utf8))
        return "\(signingInput).\(signature.rawRepresentation.base64URLEncodedString)"
    }

    /// The claims of `certificate` once its signature, issuer, audience and validity period check out.
    public static func verify(
        _ certificate: String, keys: [String: P256.Signing.PublicKey], issuer: String, audience: String, now: Date
    ) throws(Failure) -> VerificationClaims {
        let parts = certificate.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("a JWT has three dot-separated parts") }
        guard let headerData = Data(base64URLEncoded: String(parts[0])), let header = try? JSONDecoder().decode(Header.self, from: headerData)
        else { throw .malformed("the header is not base64url JSON") }
        guard header.alg == "ES256" else { throw .malformed("the algorithm must be ES256, not \(header.alg)") }
        let keyID = header.kid ?? ""
        guard let key = keys[keyID] ?? (header.kid == nil && keys.count == 1 ? keys.values.first : nil) else {
            throw .unknownKey(keyID)
        }
        guard let signatureData = Data(base64URLEncoded: String(parts[2])),
            let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signatureData)
        else { throw .malformed("the signature is not a base64url P-256 signature") }
        guard key.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8)) else { throw .badSignature }
        guard let payload = Data(base64URLEncoded: String(parts[1])) else { throw .malformed("the payload is not base64url") }
        let claims: VerificationClaims
        do {
            claims = try JSONDecoder().decode(VerificationClaims.self, from: payload)
        } catch {
            throw .malformed("the claims are missing or of the wrong type")
        }
        guard claims.issuer == issuer else { throw .wrongIssuer }
        guard claims.audience == audience else { throw .wrongAudience }
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        guard seconds < claims.expiresAt + allowedClockSkew else { throw .expired }
        guard seconds + allowedClockSkew >= claims.notBefore else { throw .notYetValid }
        return claims
    }
}
