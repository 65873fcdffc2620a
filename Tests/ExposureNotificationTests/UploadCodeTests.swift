import ExposureNotification
import Foundation
import Testing

@Suite("Upload codes")
struct UploadCodeTests {
    @Test("codes are 8 digits and 16 unambiguous characters, and differ")
    func shapes() {
        var seen = Set<String>()
        for _ in 0..<500 {
            let code = UploadCode.generate()
            #expect(code.shortCode.count == 8 && code.shortCode.allSatisfy(\.isNumber))
            #expect(code.longCode.count == 16)
            #expect(!code.longCode.contains { "01ilo".contains($0) })
            seen.insert(code.longCode)
        }
        #expect(seen.count == 500)
    }

    @Test("the state follows the code's life")
    func states() {
        let issued = Date(timeIntervalSince1970: 1_800_000_000)
        let longExpiry = issued + UploadCode.longLifetime
        #expect(UploadCodeState.at(issued + 60, longExpiresAt: longExpiry, claimedAt: nil, usedAt: nil) == .issued)
        #expect(UploadCodeState.at(longExpiry, longExpiresAt: longExpiry, claimedAt: nil, usedAt: nil) == .expired)
        #expect(UploadCodeState.at(issued + 60, longExpiresAt: longExpiry, claimedAt: issued + 30, usedAt: nil) == .claimed)
        #expect(UploadCodeState.at(longExpiry + 1, longExpiresAt: longExpiry, claimedAt: issued + 30, usedAt: issued + 40) == .used)
        #expect(TestType.likely.reportType == .confirmedClinicalDiagnosis)
    }
}
