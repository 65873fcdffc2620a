import CovizoneCore
import Testing

@Suite("Administrative divisions")
struct AdministrativeDivisionsTests {
    let divisions: AdministrativeDivisions

    init() throws {
        divisions = try AdministrativeDivisions.bundled()
    }

    @Test("the bundled file holds 34 provinces and 3,321 wards")
    func counts() throws {
        #expect(divisions.provinces.count == 34)
        #expect(divisions.wardCount == 3321)
        let total = try divisions.provinces.reduce(0) { $0 + (try #require(divisions.wards(inProvince: $1.code))).count }
        #expect(total == 3321, "every ward belongs to exactly one province")
    }

    @Test("codes are official, zero-padded and looked up leniently")
    func lookups() throws {
        let hanoi = try #require(divisions.province(code: "1"))
        #expect(hanoi.code == "01")
        #expect(hanoi.name == "Thành phố Hà Nội")
        #expect(divisions.province(code: "01") == hanoi)
        #expect(divisions.province(code: "79")?.codename == "ho_chi_minh")
        #expect(divisions.province(code: "99") == nil)
        #expect(divisions.province(code: "0x1") == nil)
        #expect(divisions.province(code: "") == nil)
        let hoanKiem = try #require(divisions.ward(code: "70"))
        #expect(hoanKiem.code == "00070")
        #expect(hoanKiem.provinceCode == "01")
        #expect(divisions.wards(inProvince: "99") == nil)
        let wards = try #require(divisions.wards(inProvince: "01"))
        #expect(wards.map(\.code) == wards.map(\.code).sorted())
    }

    @Test("canonical codes pad digits and refuse anything else")
    func canonicalCodes() {
        #expect(AdministrativeDivisions.canonicalCode("7", digits: 2) == "07")
        #expect(AdministrativeDivisions.canonicalCode("123", digits: 2) == nil)
        #expect(AdministrativeDivisions.canonicalCode("٣", digits: 2) == nil, "non-ASCII digits are not codes")
    }
}
