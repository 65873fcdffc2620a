import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Safety map pages")
struct SafetyPagesTests {
    let web = WebPagesTests()

    func csrf(in page: TestResponse) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
    }

    @Test("the public map draws the facility as a dot with its colour, the archipelagos labelled, and lists it", arguments: TestEngine.available)
    func publicMap(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            _ = try await fixture.selfCheck()
            let country = try await client.get("/safety")
            #expect(country.status == .ok)
            #expect(country.text.contains("Quần đảo Hoàng Sa (Việt Nam)") && country.text.contains("Quần đảo Trường Sa (Việt Nam)"))
            #expect(country.text.contains(#"<a href="/safety?province=01"><circle class="cluster" data-status="safe""#), "one circle per province")
            #expect(!country.text.contains("https://"), "no external tiles, scripts or fonts")
            let page = try await client.get("/safety?province=01")
            #expect(page.text.contains(#"data-facility="\#(fixture.facilityID)" data-status="safe""#))
            #expect(page.text.contains("Chợ Hàng Da") && page.text.contains("Hiển thị 1 trên 1 cơ sở."))
            let english = try await client.get("/safety?province=01&status=unsafe", headers: [.cookie: "covizone_lang=en"])
            #expect(english.text.contains("Showing 0 of 0 facilities.") && english.text.contains("Truong Sa (Spratly) Islands (Viet Nam)"))
            let facility = try await client.get("/safety/facilities/\(fixture.facilityID)")
            #expect(facility.status == .ok && facility.text.contains("An toàn") && facility.text.contains("id=\"facility-history\""))
            #expect(try await client.get("/safety/facilities/424242").status == .notFound)
        }
    }

    @Test("a citizen reports from the page; a bad report keeps what was typed and says why")
    func reportFromPage() async throws {
        try await TestServer.run { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let uri = "/safety/facilities/\(fixture.facilityID)/feedback"
            let bad = try await web.postForm(client, uri, ["category": "no-masks", "text": "Không ai đeo khẩu trang", "phone": "123"], cookies: [:])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Số điện thoại (không bắt buộc): must be a Vietnamese phone number") && bad.text.contains("Không ai đeo khẩu trang"))
            let sent = try await web.postForm(client, uri, ["category": "no-masks", "text": "Không ai đeo khẩu trang"], cookies: [:])
            #expect(sent.status == .seeOther && sent.headers[.location] == "/safety/facilities/\(fixture.facilityID)?sent=1#report")
            #expect(try await client.get("/safety/facilities/\(fixture.facilityID)?sent=1").text.contains("id=\"report-sent\""))
            let queue = try await fixture.officer.send(.get, "/api/v1/safety/feedback").json()["items"] as? [[String: Any]]
            #expect(queue?.first?["text"] as? String == "Không ai đeo khẩu trang")
        }
    }

    @Test("a manager ticks the day's tasks and commits on the checklist page; without the commitment nothing is stored", arguments: TestEngine.available)
    func selfCheckPage(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let session = try await web.signIn(client, username: "manager-hn", password: "correct horse battery")
            let list = try await client.get("/safety/manage", headers: [.cookie: "covizone_session=\(session)"])
            #expect(list.text.contains("Chợ Hàng Da") && list.text.contains("id=\"unchecked-notice\""))
            let page = try await client.get("/safety/manage/\(fixture.facilityID)", headers: [.cookie: "covizone_session=\(session)"])
            let items = page.text.matches(of: /name="item" value="([a-z-]+)"/).map { String($0.1) }
            #expect(items.count == (try await fixture.checklist().items.count))
            let token = try csrf(in: page)
            func post(_ ticked: [String], commit: Bool) async throws -> TestResponse {
                var pairs = ["_csrf=\(token)", "checklistVersion=1"] + ticked.map { "item=\($0)" }
                if commit { pairs.append("commitment=on") }
                return try await client.execute(
                    uri: "/safety/manage/\(fixture.facilityID)/self-check", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "covizone_session=\(session)"],
                    body: ByteBuffer(string: pairs.joined(separator: "&"))
                )
            }
            let uncommitted = try await post(items, commit: false)
            #expect(uncommitted.status == .unprocessableContent && uncommitted.text.contains("Cần đánh dấu ô cam kết"))
            #expect(try await fixture.facility()["status"] as? String == "not-reported")
            let committed = try await post(items, commit: true)
            #expect(committed.status == .ok && committed.text.contains("id=\"self-check-result\"") && committed.text.contains("0 %"))
            #expect(try await fixture.facility()["status"] as? String == "safe")
            let reopened = try await client.get("/safety/manage/\(fixture.facilityID)", headers: [.cookie: "covizone_session=\(session)"])
            #expect(reopened.text.matches(of: /value="[a-z-]+" checked/).count == items.count, "today's answers are ticked again")
        }
    }

    @Test("an officer moderates from the review page; the figures page draws the chart; the health authority sets a ward's level")
    func officerPages() async throws {
        try await TestServer.run { server, client in
            let fixture = try await SafetyFixture.make(server, client)
            let reportID = try #require(try await client.postJSON("/api/v1/safety/facilities/\(fixture.facilityID)/feedback", ["category": "crowding", "text": "Rất đông"]).json()["id"] as? Int)
            let officer = try await web.signIn(client, username: "officer-hn", password: "correct horse battery")
            let queue = try await client.get("/safety/review", headers: [.cookie: "covizone_session=\(officer)"])
            #expect(queue.text.contains("Rất đông") && queue.text.contains("action=\"/safety/review/\(reportID)\""))
            let decided = try await web.postForm(client, "/safety/review/\(reportID)", ["_csrf": try csrf(in: queue), "decision": "published", "note": "Đã gọi điện"], cookies: ["covizone_session": officer])
            #expect(decided.status == .seeOther)
            #expect(try await client.get("/safety/facilities/\(fixture.facilityID)").text.contains("Rất đông"), "published on the facility's page")

            let figures = try await client.get("/safety/statistics", headers: [.cookie: "covizone_session=\(officer)"])
            #expect(figures.status == .ok && figures.text.contains("<svg") && figures.text.contains("id=\"reporting-by-province\""))
            #expect(!figures.text.contains("id=\"ward-form\""), "only health authorities set ward levels")
            let health = try await web.signIn(client, username: "health-hn", password: "correct horse battery")
            let healthPage = try await client.get("/safety/statistics", headers: [.cookie: "covizone_session=\(health)"])
            #expect(healthPage.text.contains("id=\"ward-form\""))
            let set = try await web.postForm(client, "/safety/wards", ["_csrf": try csrf(in: healthPage), "wardCode": "00070", "level": "very-high", "note": "Ổ dịch"], cookies: ["covizone_session": health])
            #expect(set.status == .seeOther)
            #expect(try await client.get("/safety?province=01").text.contains(#"data-level="very-high""#))
            let denied = try await client.get("/safety/review", headers: [.cookie: "covizone_session=\(health)"])
            #expect(denied.status == .forbidden)
        }
    }

    @Test("an officer registers a facility for a manager and imports more from the page, with the row report")
    func officerRegistersAndImports() async throws {
        try await TestServer.run { server, client in
            _ = try await SafetyFixture.make(server, client)
            let officer = try await web.signIn(client, username: "officer-hn", password: "correct horse battery")
            let page = try await client.get("/safety/manage", headers: [.cookie: "covizone_session=\(officer)"])
            #expect(page.text.contains("id=\"facility-form\"") && page.text.contains("id=\"managerUsername\""))
            let token = try csrf(in: page)
            var fields = [
                "_csrf": token, "name": "Trường Mầm non Hàng Da", "type": "school", "provinceCode": "01", "wardCode": "00070", "address": "Hàng Da",
                "latitude": "21.03", "longitude": "north", "contactPhone": "0912345670", "managerUsername": "manager-hn",
            ]
            let invalid = try await web.postForm(client, "/safety/manage", fields, cookies: ["covizone_session": officer])
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("Kinh độ: is required") && invalid.text.contains("Trường Mầm non Hàng Da"))
            fields["longitude"] = "105.85"
            let created = try await web.postForm(client, "/safety/manage", fields, cookies: ["covizone_session": officer])
            #expect(created.status == .seeOther && created.headers[.location]?.hasPrefix("/safety/manage/") == true)
            let csv = "name,type,provinceCode,wardCode,address,latitude,longitude,contactPhone\nBến xe Gia Lâm,transport-station,01,00148,Ngọc Lâm,21.05,105.88,0912345679\nChợ,castle,01,00070,x,1,1,0912345678\n"
            let imported = try await web.postForm(client, "/safety/manage/import", ["_csrf": token, "csv": csv], cookies: ["covizone_session": officer])
            #expect(imported.status == .ok && imported.text.contains("Đã nhận 1 dòng, 1 dòng bị từ chối.") && imported.text.contains("id=\"import-errors\""))
            let listed = try await client.get("/safety/manage", headers: [.cookie: "covizone_session=\(officer)"])
            #expect(listed.text.contains("Bến xe Gia Lâm") && listed.text.contains("Trường Mầm non Hàng Da"))
        }
    }
}
