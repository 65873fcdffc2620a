import CovizoneCore
import Testing

@Suite("Account rules")
struct AccountRulesTests {
    let divisions = try! AdministrativeDivisions.bundled()

    @Test("usernames", arguments: [
        ("lan.nguyen", true), ("a1", false), ("Lan", false), ("-lan", false), ("lan nguyen", false), ("so_y_te-01", true),
    ])
    func usernames(username: String, valid: Bool) {
        #expect(AccountRules.problems(username: username).isEmpty == valid)
    }

    @Test("passwords must be 12 characters to 72 bytes")
    func passwords() {
        #expect(AccountRules.problems(password: "short").first?.field == "password")
        #expect(AccountRules.problems(password: "twelve-chars").isEmpty)
        #expect(!AccountRules.problems(password: String(repeating: "đ", count: 40)).isEmpty, "80 bytes in UTF-8")
    }

    @Test("roles decide whether a province is needed")
    func provinceScope() {
        #expect(AccountRules.problems(role: .provinceOfficer, provinceCode: nil, divisions: divisions).first?.field == "province")
        #expect(AccountRules.problems(role: .provinceOfficer, provinceCode: "01", divisions: divisions).isEmpty)
        #expect(!AccountRules.problems(role: .ministryAdmin, provinceCode: "01", divisions: divisions).isEmpty)
        #expect(AccountRules.problems(role: .healthAuthority, provinceCode: nil, divisions: divisions).isEmpty)
        #expect(AccountRules.problems(role: .healthAuthority, provinceCode: "79", divisions: divisions).isEmpty)
        #expect(!AccountRules.problems(role: .venueOwner, provinceCode: "99", divisions: divisions).isEmpty)
    }

    @Test("a provincial scope covers only its province")
    func scopes() {
        let hanoi = AccountScope(role: .provinceOfficer, provinceCode: "01")
        #expect(hanoi.covers(provinceCode: "01"))
        #expect(!hanoi.covers(provinceCode: "79"))
        #expect(!hanoi.isNational)
        let ministry = AccountScope(role: .ministryAdmin, provinceCode: nil)
        #expect(ministry.covers(provinceCode: "79"))
        #expect(ministry.isNational)
    }
}
