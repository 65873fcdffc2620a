import Crypto
import ExposureNotification
import Foundation
import PropertyBased
import Testing

@Suite("Codecs (property-based)")
struct CodecPropertyTests {
    static let key = P256.Signing.PrivateKey()

    @Test("any claims survive sign → verify; any change to the token is refused")
    func certificateRoundTrip() async throws {
        let input = Gen.int(in: 0...1_000_000)
        await propertyCheck(count: 50, input: input, Gen.letterOrNumber.string(of: 1...20), Gen.int(in: 0...2)) { seconds, identifier, type in
            let claims = VerificationClaims(
                issuer: "iss", audience: "aud", issuedAt: 1_800_000_000, notBefore: 1_800_000_000, expiresAt: 1_800_000_900,
                certificateID: identifier, reportType: TestType.allCases[type], symptomOnsetInterval: UInt32(2_900_000 + seconds % 3000),
                testDateInterval: seconds % 2 == 0 ? nil : 2_900_000, keysHMAC: Data(repeating: UInt8(seconds % 256), count: 32).base64EncodedString()
            )
            let token = try VerificationCertificate.sign(claims, keyID: "k", key: Self.key)
            let now = Date(timeIntervalSince1970: 1_800_000_100)
            #expect(try VerificationCertificate.verify(token, keys: ["k": Self.key.publicKey], issuer: "iss", audience: "aud", now: now) == claims)
            var changed = Array(token.utf8)
            let position = seconds % changed.count
            changed[position] = changed[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let tampered = String(decoding: changed, as: UTF8.self)
            #expect(throws: VerificationCertificate.Failure.self) {
                try VerificationCertificate.verify(tampered, keys: ["k": Self.key.publicKey], issuer: "iss", audience: "aud", now: now)
            }
        }
    }

    @Test("arbitrary text is refused as a certificate with an error, never a crash")
    func arbitraryCertificates() async {
        await propertyCheck(count: 300, input: Gen.ascii.string(of: 0...120)) { text in
            #expect(throws: VerificationCertificate.Failure.self) {
                try VerificationCertificate.verify(text, keys: ["k": Self.key.publicKey], issuer: "iss", audience: "aud", now: Date())
            }
        }
    }

    @Test("advertising data round-trips for any key, interval and power; arbitrary bytes are refused or parsed")
    func advertisingRoundTrip() async throws {
        await propertyCheck(count: 100, input: Gen.uint8(in: 0...255).array(of: 16), Gen.int(in: 0...143), Gen.int(in: -127...127)) { bytes, offset, power in
            let key = try TemporaryExposureKey(keyData: Data(bytes), rollingStartIntervalNumber: ENIntervalNumber(rawValue: 2_700_000))
            let payload = AdvertisingPayload(key: key, interval: key.rollingStartIntervalNumber.advanced(by: offset), metadata: BluetoothMetadata(transmitPower: Int8(power)))
            #expect(try AdvertisingPayload(advertisingData: payload.advertisingData) == payload)
        }
        await propertyCheck(count: 200, input: Gen.uint8(in: 0...255).array(of: 0...40)) { bytes in
            _ = try? AdvertisingPayload(advertisingData: Data(bytes))
        }
    }

    @Test("arbitrary JSON-ish text never crashes the publish request decoder")
    func publishDecoding() async {
        let fragments = Gen.element(of: ["{", "}", "[", "]", "\"temporaryExposureKeys\"", ":", ",", "\"key\"", "1", "-1", "1e400", "null", "\"x\"", "\"healthAuthorityID\"", "true"])
        await propertyCheck(count: 300, input: fragments.array(of: 0...30)) { parts in
            _ = try? JSONDecoder().decode(PublishRequest.self, from: Data(parts.compactMap { $0 }.joined().utf8))
        }
    }
}
