import CommunicationReporting
import CovizoneCore
import Foundation
import PropertyBased
import Testing

@Suite("Communication reporting rules")
struct ReportingTests {
    let form: ReportingForm

    init() throws {
        form = try ReportingForm.bundledCommunication()
    }

    @Test("the bundled form holds the seed's eight channels, three values each, and the app's two")
    func bundledForm() {
        #expect(form.id == "communication" && form.version == 1)
        #expect(form.channels.map(\.code) == ["radio", "press-tv", "led", "sms-zalo", "mobile", "internet", "collaborators", "other"])
        #expect(form.elements.count == 8 * 3 + 2)
        #expect(form.element("sms-zalo.reached")?.name.vi.hasPrefix("Tin nhắn ZALO/SMS") == true)
        #expect(form.element("app.installed") != nil && form.element("app.uninstalled") == nil)
    }

    @Test("values: unknown elements, negatives, reached above target without a note, more installs than staff are each named")
    func valueRules() throws {
        #expect(throws: ValidationFailure.self) { try ReportValues(values: ["radio.quantity": -1], notes: [:], proposals: "", form: form) }
        do {
            _ = try ReportValues(
                values: ["radio.quantity": -1, "tv.quantity": 3, "sms-zalo.reached": 210_000, "sms-zalo.target": 200_000, "app.staff": 10, "app.installed": 12],
                notes: ["nowhere": "x"], proposals: "", form: form
            )
            Issue.record("accepted")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["values.radio.quantity", "values.tv.quantity", "values.sms-zalo.reached", "values.app.installed", "notes.nowhere"])
        }
        let explained = try ReportValues(
            values: ["sms-zalo.reached": 210_000, "sms-zalo.target": 200_000], notes: ["sms-zalo": "  Khách du lịch cũng nhận tin  "], proposals: " Đề nghị hỗ trợ ", form: form
        )
        #expect(explained.notes == ["sms-zalo": "Khách du lịch cũng nhận tin"] && explained.proposals == "Đề nghị hỗ trợ")
        #expect(throws: ValidationFailure.self, "a value past a billion would let a country's sum overflow") {
            try ReportValues(values: ["led.target": ReportValues.maximumValue + 1], notes: [:], proposals: "", form: form)
        }
        #expect(try ReportValues(values: ["led.target": ReportValues.maximumValue], notes: [:], proposals: "", form: form).values["led.target"] == ReportValues.maximumValue)
    }

    @Test("a summary sums counts and recomputes each channel's percentage from the sums, never averaging")
    func summary() {
        let city = RoundSummary.Completed(values: ["sms-zalo.reached": 200_000, "sms-zalo.target": 200_000, "radio.quantity": 12], onTime: true)
        let district = RoundSummary.Completed(values: ["sms-zalo.reached": 1, "sms-zalo.target": 3, "radio.quantity": 4], onTime: false)
        let summary = RoundSummary(form: form, expected: 5, completed: [city, district])
        #expect(summary.values["sms-zalo.reached"] == 200_001 && summary.values["radio.quantity"] == 16)
        #expect(summary.percentages["sms-zalo"] == 100.0, "200,001 of 200,003 is 99.999 %, one decimal: 100.0 — not the 66.7 % an average would give")
        #expect(summary.percentages["radio"] == nil, "nothing targeted, no percentage")
        #expect(summary.completeness == .init(expected: 5, completed: 2, onTime: 1))
    }

    @Test("any sums: the percentage stays within 0…100 when reached never passes target, to one decimal")
    func percentageProperty() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000).array(of: 1...8), Gen.int(in: 1...1_000_000).array(of: 8)) { reached, extra in
            let reports = reached.enumerated().map { index, value in
                RoundSummary.Completed(values: ["led.reached": value, "led.target": value + extra[index]], onTime: true)
            }
            let percentage = RoundSummary(form: form, expected: reports.count, completed: reports).percentages["led"] ?? -1
            #expect((0...100).contains(percentage))
            #expect((percentage * 10).rounded() == percentage * 10)
        }
    }

    @Test("tree paths: a subtree is a prefix, a unit is not below itself; periods as ADX writes them")
    func pathsAndPeriods() throws {
        let province = try #require(OrgUnitPath("/1/7/"))
        let district = province.child(42)
        #expect(district.description == "/1/7/42/" && district.depth == 3)
        #expect(district.isWithin(province) && district.isBelow(province) && !province.isBelow(province) && province.isWithin(province))
        #expect(!(try #require(OrgUnitPath("/1/70/"))).isWithin(province), "/1/70/ is not under /1/7/")
        #expect(OrgUnitPath("/1//2/") == nil && OrgUnitPath("1/2") == nil && OrgUnitPath("/0/") == nil)
        #expect(ADXPeriod(start: "2020-08-01", end: "2020-08-06")?.description == "2020-08-01/P6D")
        #expect(ADXPeriod(start: "2020-08-06", end: "2020-08-01") == nil && ADXPeriod(start: "2020-02-30", end: "2020-03-01") == nil)
        #expect(OrgUnitKind.allCases.filter { !$0.isCreatable } == [.ministry, .province])
    }
}
