import CovizoneCore
import Testing

@Suite("Vietnamese phone numbers")
struct PhoneNumberTests {
    @Test("the usual ways of writing a number give the same E.164 form", arguments: [
        "0912345678", "0912 345 678", "+84912345678", "+84 912 345 678", "84912345678", "091-234-5678", "(091) 234.5678",
    ])
    func normalised(text: String) {
        #expect(PhoneNumber(text)?.e164 == "+84912345678")
    }

    @Test("landlines keep their area code")
    func landline() {
        #expect(PhoneNumber("024 3825 1234")?.e164 == "+842438251234")
    }

    @Test("malformed numbers are refused", arguments: [
        "", "12345", "0912", "091234567890", "00912345678", "+1 202 555 0101", "0912a45678", "+84 0912345678", "84", "++84912345678",
    ])
    func refused(text: String) {
        #expect(PhoneNumber(text) == nil)
    }
}
