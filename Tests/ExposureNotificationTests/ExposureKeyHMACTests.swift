import ExposureNotification
import Foundation
import Testing

@Suite("Verification HMAC (exposure-notifications-server vectors)")
struct ExposureKeyHMACTests {
    let vectors: Fixtures.HMACVectors

    init() throws {
        vectors = try JSONDecoder().decode(Fixtures.HMACVectors.self, from: try Fixtures.data("verification-hmac-test-vectors.json"))
    }

    func entries(_ testCase: Fixtures.HMACVectors.Case) throws -> [ExposureKeyHMAC.Entry] {
        try testCase.keys.map {
            ExposureKeyHMAC.Entry(
                key: try TemporaryExposureKey(
                    keyData: try #require(Data(base64Encoded: $0.key)),
                    rollingStartIntervalNumber: ENIntervalNumber(rawValue: $0.rollingStartNumber), rollingPeriod: $0.rollingPeriod
                ),
                transmissionRisk: $0.transmissionRisk
            )
        }
    }

    @Test("cleartext and HMAC match every case, with and without transmission risk")
    func vectorsMatch() throws {
        let secret = Data(hex: vectors.secret_hex)
        #expect(vectors.cases.count == 2)
        for testCase in vectors.cases {
            let entries = try entries(testCase)
            #expect(ExposureKeyHMAC.cleartext(entries) == testCase.cleartext)
            let code = ExposureKeyHMAC.authenticationCode(entries, secret: secret)
            #expect(code.base64EncodedString() == testCase.hmac_base64)
            #expect(ExposureKeyHMAC.isValid(code, for: entries, secret: secret))
            if let alternative = testCase.alt_cleartext_without_transmission_risk, let altCode = testCase.alt_hmac_base64 {
                #expect(ExposureKeyHMAC.cleartext(entries, includingTransmissionRisk: false) == alternative)
                #expect(ExposureKeyHMAC.authenticationCode(entries, secret: secret, includingTransmissionRisk: false).base64EncodedString() == altCode)
                #expect(ExposureKeyHMAC.isValid(try #require(Data(base64Encoded: altCode)), for: entries, secret: secret))
            }
        }
    }

    @Test("a changed key, secret or code does not verify")
    func tampering() throws {
        let secret = Data(hex: vectors.secret_hex)
        let entries = try entries(vectors.cases[0])
        let code = ExposureKeyHMAC.authenticationCode(entries, secret: secret)
        #expect(!ExposureKeyHMAC.isValid(code, for: Array(entries.dropLast()), secret: secret))
        #expect(!ExposureKeyHMAC.isValid(code, for: entries, secret: Data(repeating: 9, count: 16)))
        var flipped = code
        flipped[0] ^= 1
        #expect(!ExposureKeyHMAC.isValid(flipped, for: entries, secret: secret))
    }
}
