import CovizoneTestSupport
import Crypto
import Foundation
import PropertyBased
import QRCode
@testable import VenueCheckIn
import Testing

@Suite("Signed venue QR passes")
struct VenuePassTests {
    static let key = P256.Signing.PrivateKey()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    var pass: VenuePass {
        VenuePass(
            venueID: 123_456, name: "Quán phở Hà Nội – chi nhánh 2", type: .restaurant, provinceCode: "01", wardCode: "00070",
            validUntil: now + 365 * 86_400, keyVersion: 1
        )
    }

    func verify(_ text: String, at date: Date? = nil) throws(VenuePass.Failure) -> VenuePass {
        try VenuePass.verify(text, keys: [1: Self.key.publicKey], now: date ?? now)
    }

    @Test("a signed pass verifies from its token or its URL, with every field")
    func roundTrip() throws {
        let url = try pass.url(host: "covizone.example", signedWith: Self.key)
        #expect(url.hasPrefix("https://covizone.example/c#"))
        #expect(url.count < 220, "compact enough for a small QR code: \(url.count)")
        #expect(try verify(url) == pass)
        #expect(try verify(try pass.signed(with: Self.key)) == pass)
    }

    @Test("expired, unknown-key, forged and malformed passes are refused with their codes")
    func refusals() throws {
        let token = try pass.signed(with: Self.key)
        #expect(throws: VenuePass.Failure.expired) { try verify(token, at: now + 400 * 86_400) }
        #expect(throws: VenuePass.Failure.unknownKey(1)) { try VenuePass.verify(token, keys: [2: Self.key.publicKey], now: now) }
        #expect(throws: VenuePass.Failure.invalidSignature) { try verify(try pass.signed(with: P256.Signing.PrivateKey())) }
        var edited = pass
        edited.name = "Quán khác"
        let editedBody = Data(base64URLEncoded: try edited.signed(with: P256.Signing.PrivateKey()))!.dropLast(64)
        let spliced = (editedBody + Data(base64URLEncoded: token)!.suffix(64)).base64URLEncodedString
        #expect(throws: VenuePass.Failure.invalidSignature) { try verify(spliced) }
        for text in ["", "not a pass!", "https://x/c#", "AAAA"] {
            #expect(throws: VenuePass.Failure.self) { try verify(text) }
        }
        #expect(VenuePass.Failure.invalidSignature.code == "invalid_signature")
    }

    @Test("any changed byte is detected (property-based)")
    func tampering() async throws {
        let bytes = Data(base64URLEncoded: try pass.signed(with: Self.key))!
        await propertyCheck(count: 500, input: Gen.int(in: 0...(bytes.count - 1)), Gen.uint8(in: 1...255)) { position, mask in
            var changed = bytes
            changed[position] ^= mask
            #expect(throws: VenuePass.Failure.self) { try verify(changed.base64URLEncodedString) }
        }
    }

    @Test("arbitrary bytes are refused, never a crash (property-based)")
    func arbitrary() async {
        await propertyCheck(count: 300, input: Gen.uint8(in: 0...255).array(of: 0...200)) { bytes in
            #expect(throws: VenuePass.Failure.self) { try verify(Data(bytes).base64URLEncodedString) }
        }
    }

    @Test("long names are cut at a character boundary")
    func longName() throws {
        let long = VenuePass(venueID: 1, name: String(repeating: "ễ", count: 80), type: .market, provinceCode: "79", wardCode: "26734", validUntil: now, keyVersion: 1)
        #expect(long.name.utf8.count <= VenuePass.maximumNameBytes)
        #expect(long.name.allSatisfy { $0 == "ễ" })
        #expect(try verify(try long.signed(with: Self.key)) == long)
    }

    @Test("a poster's QR code read by zbarimg gives back a pass that verifies", .enabled(if: ZBar.path != nil))
    func posterCodeDecodes() async throws {
        let url = try pass.url(host: "covizone.example", signedWith: Self.key)
        let read = try await ZBar.decode(pgm: try QRCode(text: url, errorCorrection: .quartile).pgm())
        #expect(read == [url])
        #expect(try verify(read.first ?? "") == pass)
    }
}
