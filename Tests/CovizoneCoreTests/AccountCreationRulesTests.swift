import CovizoneCore
import Testing

@Suite("Who creates whom, and what an account carries")
struct AccountCreationRulesTests {
    @Test("the ministry creates any account; a province officer the local roles of its own province; nobody else any")
    func whoCreatesWhom() {
        let ministry = AccountScope(role: .ministryAdmin, provinceCode: nil)
        let hanoi = AccountScope(role: .provinceOfficer, provinceCode: "01")
        #expect(Role.allCases.allSatisfy { AccountCreationRules.refusal(role: $0, provinceCode: "79", by: ministry) == nil })
        #expect(AccountCreationRules.refusal(role: .healthFacility, provinceCode: "01", by: hanoi) == nil)
        #expect(AccountCreationRules.refusal(role: .healthFacility, provinceCode: "79", by: hanoi)?.contains("province 01") == true)
        #expect(AccountCreationRules.refusal(role: .venueOwner, provinceCode: nil, by: hanoi) != nil, "not a national account either")
        for role in [Role.provinceOfficer, .ministryAdmin, .healthAuthority, .telecomOperator] {
            #expect(AccountCreationRules.refusal(role: role, provinceCode: "01", by: hanoi) != nil, "\(role) is above a province officer")
        }
        for role in Role.allCases where role != .ministryAdmin && role != .provinceOfficer {
            #expect(AccountCreationRules.creatableRoles(by: role).isEmpty)
        }
        #expect(Role.healthFacility.provinceScope == .required && Role(rawValue: "health-facility") == .healthFacility)
    }

    @Test("details are tidied (spaces, phone to E.164, blanks dropped) and every bad field is named at once")
    func details() throws {
        let details = try AccountDetails(displayName: "  Bệnh viện   Bạch Mai ", phone: "0912 345 678", orgUnitID: " hn.bachmai ")
        #expect(details == AccountDetails(stored: "Bệnh viện Bạch Mai", phone: "+84912345678", orgUnitID: "hn.bachmai"))
        #expect(try AccountDetails(displayName: " ", phone: "", orgUnitID: nil) == AccountDetails.empty)
        #expect(throws: ValidationFailure.self) { try AccountDetails(displayName: String(repeating: "a", count: 201), phone: nil, orgUnitID: nil) }
        do {
            _ = try AccountDetails(displayName: String(repeating: "a", count: 201), phone: "12", orgUnitID: "a/b")
            Issue.record("bad details were accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["displayName", "phone", "orgUnitId"])
        }
    }
}
