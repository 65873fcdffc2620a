@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import NIOCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Communication reporting: XLSX and CSV summaries, DHIS2 data values, the CSV import and reminders")
struct ReportingExchangeAPITests {
    @Test("the summary as XLSX reads back as the seed's table with the unit, round and figures as numbers; the CSV has the same rows", arguments: TestEngine.available)
    func summaryFiles(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let tree = try await ReportingRoundsAPITests.tree(server, client)
            let round = try await ReportingRoundsAPITests.openRound(tree.officer, at: tree.province)
            let report = "/api/v1/reporting/rounds/\(round)/reports"
            for (unit, reached, target) in [(tree.city, 150_000, 200_000), (tree.press, 25_000, 50_000)] {
                let values = ["radio.quantity": 10, "sms-zalo.quantity": 2, "sms-zalo.reached": reached, "sms-zalo.target": target, "app.staff": 40, "app.installed": 35]
                #expect(try await tree.officer.send(.put, "\(report)/\(unit)", json: ["values": values]).status == .ok)
                #expect(try await tree.officer.send(.post, "\(report)/\(unit)/complete").status == .ok)
            }
            let xlsx = try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(round)/summary.xlsx")
            #expect(xlsx.status == .ok && xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let book = try WorkbookReader(data: Data(buffer: xlsx.body))
            let cells = try #require(book.sheets.first?.cells)
            #expect(book.sheets.first?.name == "Tổng hợp")
            #expect(cells["B2"] == "Lạng Sơn" && cells["B3"]?.hasPrefix("Đợt 1 (2027-01-11 – 2027-01-17)") == true)
            #expect(cells["C6"] == "Số lượng" && cells["F6"] == "Tỷ lệ %")
            #expect(cells["A7"] == "1" && cells["B7"]?.hasPrefix("Phát thanh") == true && cells["C7"] == "20")
            #expect(cells["B10"]?.hasPrefix("Tin nhắn ZALO/SMS") == true)
            #expect(cells["C10"] == "4" && cells["D10"] == "175000" && cells["E10"] == "250000" && cells["F10"].flatMap(Double.init) == 70)
            #expect(cells["C17"] == "80" && cells["C18"] == "70" && cells["C19"].flatMap(Double.init) == 87.5, "staff, installed and the rate below the table")
            #expect(cells["C22"] == "3" && cells["C23"] == "2" && cells["C24"] == "2", "expected, completed, on time")
            let english = try WorkbookReader(data: Data(buffer: try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(round)/summary.xlsx?lang=en").body))
            #expect(english.sheets.first?.cells["C6"] == "Quantity")

            let csv = try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(round)/summary.csv?orgUnit=\(tree.city)")
            let lines = csv.text.components(separatedBy: "\r\n")
            #expect(lines.first == "row,name,quantity,reached,target,percentage")
            #expect(lines.contains { $0.hasPrefix("sms-zalo,") && $0.hasSuffix(",2,150000,200000,75.0") })
            #expect(lines.contains { $0.hasPrefix("app,") && $0.hasSuffix(",,35,40,87.5") })
        }
    }

    @Test("completed values leave as DHIS2 data value sets (JSON, CSV) and ADX with the round's period; the same CSV comes back in, checked line by line", arguments: TestEngine.available)
    func dataValues(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let tree = try await ReportingRoundsAPITests.tree(server, client)
            let round = try await ReportingRoundsAPITests.openRound(tree.officer, at: tree.province)
            let report = "/api/v1/reporting/rounds/\(round)/reports"
            #expect(try await tree.officer.send(.put, "\(report)/\(tree.city)", json: ["values": ["radio.quantity": 12, "led.quantity": 3]]).status == .ok)
            #expect(try await tree.officer.send(.post, "\(report)/\(tree.city)/complete").status == .ok)
            #expect(try await tree.officer.send(.put, "\(report)/\(tree.press)", json: ["values": ["radio.quantity": 99]]).status == .ok, "a draft is not exported")

            let json = try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(round)/data-values?format=json").json()
            let values = try #require(json["dataValues"] as? [[String: Any]])
            #expect(json["dataSet"] as? String == "communication")
            #expect(values.map { "\($0["dataElement"] ?? "")=\($0["value"] ?? "")@\($0["orgUnit"] ?? "")" } == ["led.quantity=3@\(tree.city)", "radio.quantity=12@\(tree.city)"])
            #expect(values.allSatisfy { $0["period"] as? String == "2027W2" && $0["storedBy"] as? String == "officer-ls" }, "Monday to Sunday is an ISO week")
            let csv = try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(round)/data-values?format=csv").text
            #expect(csv.hasPrefix("dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment\r\n"))
            #expect(csv.contains("radio.quantity,2027W2,\(tree.city),,,12,officer-ls,2027-01-15T08:00:00Z,\r\n"))
            let adx = try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(round)/data-values?format=adx").text
            #expect(adx.contains(#"<adx xmlns="urn:ihe:qrph:adx:2015""#))
            #expect(adx.contains(#"<group orgUnit="\#(tree.city)" period="2027-01-11/P7D" dataSet="communication">"#))
            #expect(adx.contains(#"<dataValue dataElement="radio.quantity" value="12"/>"#))
            #expect(try await tree.officer.send(.get, "/api/v1/reporting/rounds/\(round)/data-values?format=xml").status == .unprocessableContent)

            func importCSV(_ body: String, complete: Bool) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/reporting/rounds/\(round)/data-values?complete=\(complete)", method: .post,
                    headers: [.authorization: "Bearer \(tree.officer.token)", .contentType: "text/csv"], body: ByteBuffer(string: body)
                )
            }
            let header = "dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment\n"
            let rejected = try await importCSV(header + "radio.reached,2027W2,\(tree.ward),,,5,,,\nbogus,2027W3,\(tree.ward),,,-1,,,\n", complete: true)
            #expect(rejected.status == .unprocessableContent)
            #expect(Set(try rejected.problem.errors?.map(\.field) ?? []) == ["line 3: dataelement", "line 3: period", "line 3: value"])
            let imported = try await importCSV(header + "radio.reached,2027-01-11/P7D,\(tree.ward),,,5,,,\nradio.target,2027W2,\(tree.ward),,,9,,,\nled.quantity,2027W2,\(tree.press),,,4,,,\n", complete: true)
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(try imported.json()["units"] as? Int == 2 && imported.json()["completed"] as? Int == 2)
            let press = try await tree.officer.send(.get, "\(report)/\(tree.press)").json()
            #expect(press["values"] as? [String: Int] == ["radio.quantity": 99, "led.quantity": 4] && press["status"] as? String == "complete", "merged over the draft")
            let again = try await importCSV(header + "radio.quantity,2027W2,\(tree.city),,,1,,,\n", complete: false)
            #expect(again.status == .unprocessableContent && again.text.contains("\(tree.city)"), "a complete report is not overwritten")
        }
    }

    @Test("one click texts every account of each unit that has not completed, through the outbound queue", arguments: TestEngine.available)
    func reminders(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let tree = try await ReportingRoundsAPITests.tree(server, client)
            let round = try await ReportingRoundsAPITests.openRound(tree.officer, at: tree.province)
            for (name, unit, phone) in [("unit-city", tree.city, "+84912000201"), ("unit-press", tree.press, "+84912000202"), ("unit-press-2", tree.press, "+84912000203")] {
                try await server.addAccount(name, role: .reportingUnit, province: "20", details: AccountDetails(stored: nil, phone: phone, orgUnitID: String(unit)))
            }
            let report = "/api/v1/reporting/rounds/\(round)/reports"
            #expect(try await tree.officer.send(.put, "\(report)/\(tree.city)", json: ["values": ["radio.quantity": 1]]).status == .ok)
            #expect(try await tree.officer.send(.post, "\(report)/\(tree.city)/complete").status == .ok)
            let sent = try await tree.officer.send(.post, "/api/v1/reporting/rounds/\(round)/reminders")
            #expect(sent.status == .accepted)
            #expect(try sent.json()["units"] as? Int == 2 && sent.json()["texts"] as? Int == 2, "the press's two accounts; the ward has none")
            try await server.withDatabase { database in
                let texts = TextMessageRepository(database: database)
                let body = try #require(try await texts.messages(to: "+84912000202", limit: 1).first?.body)
                #expect(body.contains("Bao Lang Son") || body.contains("Báo Lạng Sơn"))
                #expect(body.contains("/reporting/rounds/\(round)/reports/\(tree.press)"))
                #expect(try await texts.messages(to: "+84912000201", limit: 1).isEmpty, "the city completed")
            }
            let unit = CampaignClient(client: client, token: try await client.token(username: "unit-city", password: "correct horse battery"))
            #expect(try await unit.send(.post, "/api/v1/reporting/rounds/\(round)/reminders").status == .forbidden)
        }
    }
}
