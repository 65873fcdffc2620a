@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Official information: the officers' and facilities' pages")
struct InformationManagePagesTests {
    let web = WebPagesTests()

    func get(_ client: some TestClientProtocol, _ uri: String, session: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: "covizone_session=\(session)"])
    }

    func csrf(in page: TestResponse) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
    }

    @Test("a province officer writes an entry for its province, revises it (history kept), answers a group of citizens' questions and keeps synonyms")
    func entries() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let session = try await web.signIn(client, username: "officer-hn", password: "correct horse battery")
            let manage = try await get(client, "/info/manage", session: session)
            #expect(manage.status == .ok && manage.text.contains("<option value=\"01\" selected>") && !manage.text.contains("<option value=\"79\""))
            let token = try csrf(in: manage)
            let cookies = ["covizone_session": session]
            let fields = ["_csrf": token, "questionVi": "Hà Nội: lấy mẫu ở đâu?", "answerVi": "Tại trạm y tế phường.", "provinceCode": "01", "publish": "on", "topics": "xét nghiệm, Hà Nội"]
            #expect(try await web.postForm(client, "/info/manage/entries", fields.merging(["_csrf": "forged"]) { $1 }, cookies: cookies).status == .forbidden)
            let refused = try await web.postForm(client, "/info/manage/entries", fields.merging(["questionVi": " "]) { $1 }, cookies: cookies)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Tại trạm y tế phường.") && refused.text.contains("class=\"error\""))
            let created = try await web.postForm(client, "/info/manage/entries", fields, cookies: cookies)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let revised = try await web.postForm(client, location, fields.merging(["answerVi": "Tại trung tâm y tế quận."]) { $1 }, cookies: cookies)
            #expect(revised.status == .seeOther)
            let entry = try await get(client, location, session: session)
            #expect(entry.text.contains("Tại trung tâm y tế quận.") && entry.text.matches(of: /<li>(Phiên bản|Revision) \d/).count == 2)
            #expect(try await client.get("/info/search?q=lay+mau+o+dau").text.contains("Tại trung tâm y tế quận."))

            for text in ["Chó mèo có lây Covid không?", "chó mèo có lây covid ko"] {
                _ = try await web.postForm(client, "/info/questions", ["text": text, "province": "01"], cookies: [:])
            }
            let questions = try await get(client, "/info/manage/questions", session: session)
            #expect(questions.text.contains("data-count=\"2\"") && questions.text.contains("id=\"questions-chart\"") && questions.text.contains("<svg"))
            let ids = String(try #require(questions.text.firstMatch(of: /name="questionIds" value="([^"]+)"/)?.1))
            let answered = try await web.postForm(client, "/info/manage/questions/answer", [
                "_csrf": token, "questionIds": ids, "questionVi": "Chó mèo có lây COVID-19 không?", "answerVi": "Chưa có bằng chứng.", "provinceCode": "01",
            ], cookies: cookies)
            #expect(answered.status == .ok && answered.text.contains("id=\"questions-notice\"") && !answered.text.contains("data-count="))

            let badSynonyms = try await web.postForm(client, "/info/manage/synonyms", ["_csrf": token, "groups": "xét nghiệm; test\ntest; xn"], cookies: cookies)
            #expect(badSynonyms.status == .unprocessableContent && badSynonyms.text.contains("2:"))
            let synonyms = try await web.postForm(client, "/info/manage/synonyms", ["_csrf": token, "groups": "lấy mẫu; xét nghiệm; test"], cookies: cookies)
            #expect(synonyms.status == .ok && synonyms.text.contains("id=\"synonyms-notice\""))
            #expect(try await client.get("/info/search?q=test+o+dau").text.contains("Tại trung tâm y tế quận."))
            #expect(try await client.get("/info/manage").status == .seeOther, "officers only")
        }
    }

    @Test("officers publish and withdraw announcements and import the directory; a facility account updates its free beds only")
    func directory() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let session = try await web.signIn(client, username: "officer-hn", password: "correct horse battery")
            let cookies = ["covizone_session": session]
            let token = try csrf(in: try await get(client, "/info/manage/announcements", session: session))
            let published = try await web.postForm(client, "/info/manage/announcements", [
                "_csrf": token, "titleVi": "Hà Nội: tiêm mũi 3", "bodyVi": "Tại trạm y tế.", "tags": "ICT_anti_nCoV tiem_chung", "priority": "high", "provinceCode": "01",
            ], cookies: cookies)
            #expect(published.status == .seeOther)
            let list = try await get(client, "/info/manage/announcements", session: session)
            let id = String(try #require(list.text.firstMatch(of: /data-announcement="(\d+)"/)?.1))
            #expect(try await client.get("/info/tags/tiem_chung").text.contains("Hà Nội: tiêm mũi 3"))
            #expect(try await web.postForm(client, "/info/manage/announcements/\(id)/withdraw", ["_csrf": token], cookies: cookies).status == .seeOther)
            #expect(!(try await client.get("/info/announcements?province=01").text.contains("Hà Nội: tiêm mũi 3")))

            let csv = "name,services,wardCode,address,latitude,longitude,phone,hours,bedsFree\n"
                + "Bệnh viện Bạch Mai,testing|treatment,00226,78 Giải Phóng,21.0005,105.8406,02438693731,24/7,40\n"
                + "Trạm y tế X,dentist,00226,1 Phố,21.0,105.8,024,,\n"
            let imported = try await web.postForm(client, "/info/manage/facilities/import", ["_csrf": token, "csv": csv], cookies: cookies)
            #expect(imported.status == .ok && imported.text.contains("id=\"import-summary\"") && imported.text.matches(of: /<li>(Dòng|Line) 3/).count >= 1)
            let again = try await web.postForm(client, "/info/manage/facilities/import", ["_csrf": token, "csv": csv], cookies: cookies)
            #expect(again.text.contains("<li>Dòng 2") || again.text.contains("<li>Line 2"), "an imported row is not imported twice")
            let facilities = try #require(try await client.get("/api/v1/info/facilities?q=bach+mai").json()["items"] as? [[String: Any]])
            let facilityID = try #require(facilities.first?["id"] as? Int)
            #expect(facilities.count == 1 && (facilities.first?["capacity"] as? [String: Int]) == ["bedsFree": 40])

            try await server.addAccount("bach-mai", role: .healthFacility, province: "01")
            let officer = CampaignClient(client: client, token: try await client.token(username: "officer-hn", password: "correct horse battery"))
            let accounts = try #require(try await officer.send(.get, "/api/v1/users").json()["items"] as? [[String: Any]])
            let accountID = try #require(accounts.first { $0["username"] as? String == "bach-mai" }?["id"] as? Int)
            var linked = try await client.get("/api/v1/info/facilities/\(facilityID)").json()
            linked["accountId"] = accountID
            let link = try await officer.send(.put, "/api/v1/info/facilities/\(facilityID)", json: linked)
            #expect(link.status == .ok, "\(link.text)")
            let hospital = try await web.signIn(client, username: "bach-mai", password: "correct horse battery")
            let own = try await get(client, "/info/manage/facility", session: hospital)
            #expect(own.text.contains("Bệnh viện Bạch Mai") && own.text.contains("value=\"40\""))
            let saved = try await web.postForm(client, "/info/manage/facility", ["_csrf": try csrf(in: own), "bedsFree": "7", "hours": "24/7", "phone": "02438693731"], cookies: ["covizone_session": hospital])
            #expect(saved.status == .ok && saved.text.contains("id=\"facility-notice\""))
            #expect((try await client.get("/api/v1/info/facilities/\(facilityID)").json()["capacity"] as? [String: Int]) == ["bedsFree": 7])
            let refused = try await web.postForm(client, "/info/manage/facility", ["_csrf": try csrf(in: own), "bedsFree": "-3", "hours": "", "phone": "x"], cookies: ["covizone_session": hospital])
            #expect(refused.status == .unprocessableContent && refused.text.contains("class=\"error\""))
            #expect(try await get(client, "/info/manage", session: hospital).status == .forbidden)
        }
    }
}
