import CovizoneCore
import Messaging
import Testing

@Suite("Mobile operators")
struct MobileOperatorTests {
    @Test("a mobile number's operator comes from its prefix, whatever way it was written", arguments: [
        ("0912 345 678", "vinaphone"), ("+84 987 654 321", "viettel"), ("84901234567", "mobifone"), ("0321234567", "viettel"),
        ("0921234567", "vietnamobile"), ("0991234567", "gmobile"), ("0871234567", "itelecom"), ("0551234567", "reddi"),
    ])
    func operators(number: String, operatorID: String) throws {
        #expect(MobileOperator.of(try #require(PhoneNumber(number)))?.id == operatorID)
    }

    @Test("landlines and unallocated prefixes have no operator; no prefix belongs to two operators")
    func noOperator() throws {
        #expect(MobileOperator.of(try #require(PhoneNumber("024 3825 1234"))) == nil, "a Hà Nội landline")
        #expect(MobileOperator.of(try #require(PhoneNumber("0111234567"))) == nil)
        let prefixes = MobileOperator.all.flatMap(\.prefixes)
        #expect(Set(prefixes).count == prefixes.count)
        #expect(MobileOperator.named("Viettel")?.name == "Viettel" && MobileOperator.named("sfone") == nil)
    }
}
