import CovizoneCore
import Foundation
import PropertyBased
import Testing

@Suite("Encodings (property-based)")
struct EncodingPropertyTests {
    @Test("base64url round-trips any bytes and never contains + / or =")
    func base64URLRoundTrip() async {
        await propertyCheck(input: Gen.uint8(in: 0...255).array(of: 0...64)) { bytes in
            let encoded = Data(bytes).base64URLEncodedString
            #expect(!encoded.contains(where: { "+/=".contains($0) }))
            #expect(Data(base64URLEncoded: encoded) == Data(bytes))
        }
    }

    @Test("decoding arbitrary text as base64url fails or succeeds, never crashes")
    func base64URLArbitraryText() async {
        await propertyCheck(input: Gen.ascii.string(of: 0...40)) { text in
            if let data = Data(base64URLEncoded: text) {
                #expect(data.base64URLEncodedString == text.replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_"), "only the canonical text of the bytes decodes")
            }
        }
    }

    @Test("a last character with unused bits set is refused; padding and the standard alphabet are read")
    func base64URLCanonical() {
        #expect(Data(base64URLEncoded: "AA") == Data([0]))
        #expect(Data(base64URLEncoded: "AB") == nil, "one bit past the byte's end")
        #expect(Data(base64URLEncoded: "AAA=") == Data([0, 0]) && Data(base64URLEncoded: "AAB") == nil)
        #expect(Data(base64URLEncoded: "-_8") == Data([0xFB, 0xFF]) && Data(base64URLEncoded: "+/8=") == Data([0xFB, 0xFF]))
        #expect(Data(base64URLEncoded: "A") == nil)
    }

    @Test("random data has exactly the requested length")
    func randomLength() async {
        await propertyCheck(input: Gen.int(in: 0...100)) { count in
            var generator = SystemRandomNumberGenerator()
            #expect(Data.random(count: count, using: &generator).count == count)
        }
    }
}
