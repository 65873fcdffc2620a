import CommunicationReporting
import CovizoneCore
import Foundation
import Testing

@Suite("Communication reporting: counts as typed, DHIS2 periods and data value sets")
struct ExchangeFormatTests {
    @Test("counts are read plain or grouped by thousands; anything else is refused")
    func counts() {
        #expect(ReportValues.count(from: "200000") == 200_000)
        #expect(ReportValues.count(from: " 200.000 ") == 200_000 && ReportValues.count(from: "1,234,567") == 1_234_567 && ReportValues.count(from: "12 500") == 12_500)
        for bad in ["1.5", "-3", "12a", "", "1.23", "1234.567", ".500", "1,,000", "1000000000000000000000"] { #expect(ReportValues.count(from: bad) == nil, "\(bad)") }
    }

    @Test("a day, a Monday-to-Sunday week and a calendar month get DHIS2's periods; any other range keeps ADX's")
    func periods() throws {
        func period(_ start: String, _ end: String) throws -> ADXPeriod { try #require(ADXPeriod(start: start, end: end)) }
        #expect(DHIS2Period.identifier(for: try period("2020-08-06", "2020-08-06")) == "20200806")
        #expect(DHIS2Period.identifier(for: try period("2020-08-03", "2020-08-09")) == "2020W32")
        #expect(DHIS2Period.identifier(for: try period("2020-12-28", "2021-01-03")) == "2020W53", "the ISO week's year")
        #expect(DHIS2Period.identifier(for: try period("2020-02-01", "2020-02-29")) == "202002")
        #expect(DHIS2Period.identifier(for: try period("2020-08-01", "2020-08-06")) == "2020-08-01/P6D")
        let week = try period("2020-08-03", "2020-08-09")
        #expect(DHIS2Period.matches("2020-08-03/P7D", week) && DHIS2Period.matches("2020W32", week) && !DHIS2Period.matches("2020W33", week))
    }

    @Test("data values leave as JSON, CSV and ADX, and the CSV reads back; markup in comments is escaped")
    func dataValueSets() throws {
        let values = [
            DataValue(dataElement: "radio.quantity", period: "2020W32", orgUnit: "42", value: "12", storedBy: "unit-1", lastUpdated: "2020-08-06T10:00:00Z"),
            DataValue(dataElement: "sms-zalo.reached", period: "2020W32", orgUnit: "42", value: "200000", comment: "Tin nhắn <Zalo> & SMS, \"đợt 1\""),
            DataValue(dataElement: "radio.quantity", period: "2020W32", orgUnit: "43", value: "3"),
        ]
        let json = try #require(try JSONSerialization.jsonObject(with: try DataValueSet.json(values, dataSet: "communication")) as? [String: Any])
        #expect((json["dataValues"] as? [[String: Any]])?.first?["dataElement"] as? String == "radio.quantity")
        #expect(json["dataSet"] as? String == "communication")
        let csv = DataValueSet.csv(values)
        let read = try DataValueSet.values(inCSV: csv)
        #expect(read.map(\.value) == values && read.map(\.line) == [2, 3, 4])
        let adx = DataValueSet.adx(values, dataSet: "communication", exported: "2020-08-10T00:00:00Z")
        #expect(adx.components(separatedBy: "<group ").count == 3, "one group per unit and period")
        #expect(adx.contains("<annotation>Tin nhắn &lt;Zalo&gt; &amp; SMS, &quot;đợt 1&quot;</annotation>"))
        #expect(throws: ValidationFailure.self) { try DataValueSet.values(inCSV: "element,value\nx,1\n") }
    }
}
