@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Communication reporting pages")
struct ReportingPagesTests {
    let web = WebPagesTests()

    func csrf(in page: TestResponse) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
    }

    @Test("an officer builds the tree from a CSV and opens a round; a unit fills the seed's table, a bad number keeps what was typed; the round page sums it", arguments: TestEngine.available)
    func roundInPages(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("officer-ls", role: .provinceOfficer, province: "20")
            let officer = try await web.signIn(client, username: "officer-ls", password: "correct horse battery")
            let cookie: HTTPFields = [.cookie: "covizone_session=\(officer)"]
            let units = try await client.get("/reporting/units", headers: cookie)
            #expect(units.status == .ok && units.text.contains("id=\"current-unit\">Lạng Sơn"))
            let province = try #require(units.text.firstMatch(of: /name="parentId" value="(\d+)"/).map { String($0.1) })
            let rejected = try await web.postForm(
                client, "/reporting/units/import", ["_csrf": try csrf(in: units), "parentId": province, "csv": "name,kind,parent\nUBND TP Lạng Sơn,district,\nPhường A,commune,Không có\n"],
                cookies: ["covizone_session": officer]
            )
            #expect(rejected.status == .unprocessableContent && rejected.text.contains("line 3: parent"))
            let imported = try await web.postForm(
                client, "/reporting/units/import",
                ["_csrf": try csrf(in: units), "parentId": province, "csv": "name,kind,parent\nUBND TP Lạng Sơn,district,\nPhường Đông Kinh,commune,UBND TP Lạng Sơn\nBáo Lạng Sơn,press,\n"],
                cookies: ["covizone_session": officer]
            )
            #expect(imported.status == .ok && imported.text.contains("Đã thêm 3 đơn vị."))
            let city = try #require(imported.text.firstMatch(of: /data-unit="(\d+)"><td><a href="[^"]+">UBND TP Lạng Sơn/).map { String($0.1) })
            let cityPage = try await client.get("/reporting/units?parent=\(city)", headers: cookie)
            #expect(cityPage.text.contains("Phường Đông Kinh") && cityPage.text.contains(">Lạng Sơn</a> ›"))

            let home = try await client.get("/reporting", headers: cookie)
            let opened = try await web.postForm(
                client, "/reporting/rounds",
                ["_csrf": try csrf(in: home), "name": "Đợt 1", "start": "2027-01-11", "end": "2027-01-17", "due": "2027-01-16T17:00", "orgUnitId": province],
                cookies: ["covizone_session": officer]
            )
            #expect(opened.status == .seeOther)
            let roundPath = try #require(opened.headers[.location])
            let badRound = try await web.postForm(
                client, "/reporting/rounds", ["_csrf": try csrf(in: home), "name": "", "start": "x", "end": "2027-01-17", "due": "", "orgUnitId": province],
                cookies: ["covizone_session": officer]
            )
            #expect(badRound.status == .unprocessableContent && badRound.text.contains("Từ ngày: must be a date"))

            try await server.addAccount("unit-city", role: .reportingUnit, province: "20", details: AccountDetails(stored: nil, phone: nil, orgUnitID: city))
            let unit = try await web.signIn(client, username: "unit-city", password: "correct horse battery")
            let unitHome = try await client.get("/reporting", headers: [.cookie: "covizone_session=\(unit)"])
            let reportPath = "\(roundPath)/reports/\(city)"
            #expect(unitHome.text.contains("href=\"\(reportPath)\""), "a unit goes straight to its own report")
            let form = try await client.get(reportPath, headers: [.cookie: "covizone_session=\(unit)"])
            #expect(form.text.contains("Phát thanh") && form.text.contains("name=\"sms-zalo.reached\""))
            var fields = ["_csrf": try csrf(in: form), "radio.quantity": "12", "sms-zalo.reached": "150.000", "sms-zalo.target": "200.000", "notes.radio": "loa phường", "action": "save"]
            fields["app.staff"] = "4x"
            let bad = try await web.postForm(client, reportPath, fields, cookies: ["covizone_session": unit])
            #expect(bad.status == .unprocessableContent && bad.text.contains("must be a whole number") && bad.text.contains("value=\"150.000\""))
            fields["app.staff"] = "40"
            fields["action"] = "complete"
            let done = try await web.postForm(client, reportPath, fields, cookies: ["covizone_session": unit])
            #expect(done.status == .seeOther && done.headers[.location] == "\(reportPath)?done=complete")
            let after = try await client.get("\(reportPath)?done=complete", headers: [.cookie: "covizone_session=\(unit)"])
            #expect(after.text.contains("Đã hoàn thành báo cáo.") && after.text.contains("<fieldset disabled>") && after.text.contains("75.0"))

            let round = try await client.get(roundPath, headers: cookie)
            #expect(round.text.contains("150.000") && round.text.contains("200.000") && round.text.contains(">75.0<"))
            #expect(round.text.contains("Phải báo cáo: <strong>3</strong>") && round.text.contains("Đã hoàn thành: <strong>1</strong>"))
            #expect(round.text.contains("<svg") && round.text.contains("id=\"send-reminders\""))
            let xlsx = try await client.get("\(roundPath)/summary.xlsx?orgUnit=\(province)", headers: cookie)
            #expect(xlsx.status == .ok && xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let reminded = try await web.postForm(client, "\(roundPath)/reminders", ["_csrf": try csrf(in: round), "orgUnit": province], cookies: ["covizone_session": officer])
            #expect(reminded.status == .seeOther && reminded.headers[.location]?.hasSuffix("reminded=0") == true, "no account of the units behind has a phone")
        }
    }

    @Test("the ministry's view of a national round: one row per province with its completeness and SMS rate, not every unit of the country")
    func ministryView() async throws {
        try await TestServer.run { server, client in
            let tree = try await ReportingRoundsAPITests.tree(server, client)
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let ministry = try #require(try await admin.send(.get, "/api/v1/reporting/org-units").json()["items"] as? [[String: Any]]).first?["id"] as? Int
            let round = try await ReportingRoundsAPITests.openRound(admin, at: try #require(ministry))
            let report = "/api/v1/reporting/rounds/\(round)/reports"
            #expect(try await tree.officer.send(.put, "\(report)/\(tree.province)", json: ["values": ["sms-zalo.reached": 90, "sms-zalo.target": 120]]).status == .ok)
            #expect(try await tree.officer.send(.post, "\(report)/\(tree.province)/complete").status == .ok)
            let session = try await web.signIn(client, username: "admin", password: server.adminPassword)
            let page = try await client.get("/reporting/rounds/\(round)", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.status == .ok && page.text.contains("id=\"provinces-table\"") && !page.text.contains("id=\"board-table\""))
            let row = try #require(page.text.firstMatch(of: /orgUnit=\d+">Lạng Sơn<\/a><\/td>(.*?)<\/tr>/).map { String($0.1) })
            #expect(row == #"<td class="number">4</td><td class="number">1</td><td class="number">1</td><td class="number">75.0</td>"#, "the province and its three units expected")
            #expect(page.text.components(separatedBy: "<tr><td><a href=\"/reporting/rounds/\(round)?orgUnit=").count == 35, "34 provinces")
        }
    }
}
