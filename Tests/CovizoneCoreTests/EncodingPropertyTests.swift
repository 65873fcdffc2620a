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
                #expect(Data(base64URLEncoded: data.base64URLEncodedString) == data)
            }
        }
    }

    @Test("random data has exactly the requested length")
    func randomLength() async {
        await propertyCheck(input: Gen.int(in: 0...100)) { count in
            var generator = SystemRandomNumberGenerator()
            #expect(Data.random(count: count, using: &generator).count == count)
        }
    }
}
