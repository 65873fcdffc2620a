import CovizoneCore
import Crypto
import ExposureNotification
import Foundation
import Testing

@Suite("Verification certificates (ES256 JWT)")
struct VerificationCertificateTests {
    let key = P256.Signing.PrivateKey()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    var claims: VerificationClaims {
        VerificationClaims(
            issuer: "covizone-verification", audience: "covizone-keys", issuedAt: 1_800_000_000, notBefore: 1_800_000_000,
            expiresAt: 1_800_000_900, certificateID: "c1", reportType: .likely, symptomOnsetInterval: 2_999_808, testDateInterval: nil,
            keysHMAC: Data(repeating: 7, count: 32).base64EncodedString()
        )
    }

    func verify(_ token: String, keys: [String: P256.Signing.PublicKey]? = nil, at date: Date? = nil) throws(VerificationCertificate.Failure)
        -> VerificationClaims
    {
        try VerificationCertificate.verify(
            token, keys: keys ?? ["k1": key.publicKey], issuer: "covizone-verification", audience: "covizone-keys", now: date ?? now
        )
    }

    @Test("a signed certificate verifies and keeps every claim, with the GAEN claim names")
    func roundTrip() throws {
        let token = try VerificationCertificate.sign(claims, keyID: "k1", key: key)
        #expect(try verify(token) == claims)
        let payload = try #require(Data(base64URLEncoded: String(token.split(separator: ".")[1])))
        let json = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect(Set(json.keys) == ["iss", "aud", "iat", "nbf", "exp", "jti", "reportType", "symptomOnsetInterval", "tekmac"])
        #expect(json["reportType"] as? String == "likely")
    }

    @Test("a changed payload, another key or an unknown key id is refused")
    func forgery() throws {
        let token = try VerificationCertificate.sign(claims, keyID: "k1", key: key)
        var parts = token.split(separator: ".").map(String.init)
        var forged = claims
        forged.reportType = .confirmed
        parts[1] = try JSONEncoder().encode(forged).base64URLEncodedString
        #expect(throws: VerificationCertificate.Failure.badSignature) { try verify(parts.joined(separator: ".")) }
        #expect(throws: VerificationCertificate.Failure.badSignature) { try verify(token, keys: ["k1": P256.Signing.PrivateKey().publicKey]) }
        #expect(throws: VerificationCertificate.Failure.unknownKey("k1")) { try verify(token, keys: ["k2": key.publicKey]) }
    }

    @Test("expiry, not-before, issuer and audience are enforced, with a minute of clock skew")
    func validity() throws {
        let token = try VerificationCertificate.sign(claims, keyID: "k1", key: key)
        #expect(throws: Never.self) { try verify(token, at: now + 900 + 59) }
        #expect(throws: VerificationCertificate.Failure.expired) { try verify(token, at: now + 900 + 60) }
        #expect(throws: VerificationCertificate.Failure.notYetValid) { try verify(token, at: now - 61) }
        #expect(throws: VerificationCertificate.Failure.wrongIssuer) {
            try VerificationCertificate.verify(token, keys: ["k1": key.publicKey], issuer: "other", audience: "covizone-keys", now: now)
        }
        #expect(throws: VerificationCertificate.Failure.wrongAudience) {
            try VerificationCertificate.verify(token, keys: ["k1": key.publicKey], issuer: "covizone-verification", audience: "other", now: now)
        }
    }

    @Test("malformed tokens are errors, never crashes", arguments: [
        "", "a.b", "a.b.c.d", "...", "eyJhbGciOiJub25lIn0.e30.", "!!.??.##",
        // alg "none" with a valid-looking payload
        "eyJhbGciOiJub25lIiwia2lkIjoiazEifQ.eyJpc3MiOiJ4In0.AAAA",
    ])
    func malformed(token: String) {
        #expect(throws: VerificationCertificate.Failure.self) { try verify(token) }
    }

    @Test("a well-signed certificate with missing claims is malformed")
    func missingClaims() throws {
        let header = Data(#"{"alg":"ES256","kid":"k1"}"#.utf8).base64URLEncodedString
        let payload = Data(#"{"iss":"covizone-verification"}"#.utf8).base64URLEncodedString
        let signature = try key.signature(for: Data("\(header).\(payload)".utf8)).rawRepresentation.base64URLEncodedString
        #expect(throws: VerificationCertificate.Failure.malformed("the claims are missing or of the wrong type")) {
            try verify("\(header).\(payload).\(signature)")
        }
    }
}
