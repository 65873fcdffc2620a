@testable import CovizoneServer
import CampaignDispatch
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Campaign pages")
struct CampaignPagesTests {
    let web = WebPagesTests()

    func csrf(in page: TestResponse) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
    }

    func get(_ client: some TestClientProtocol, _ uri: String, session: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: "covizone_session=\(session)"])
    }

    @Test("an officer imports a list, writes a campaign (errors kept with the form), a second officer approves and schedules it")
    func pages() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("author", role: .provinceOfficer, province: "01")
            try await server.addAccount("approver", role: .provinceOfficer, province: "01")
            let author = try await web.signIn(client, username: "author", password: "correct horse battery")
            let approver = try await web.signIn(client, username: "approver", password: "correct horse battery")

            let lists = try await get(client, "/audiences", session: author)
            #expect(lists.status == .ok && lists.text.contains("Danh sách thuê bao"))
            let token = try csrf(in: lists)
            let created = try await web.postForm(client, "/audiences", ["_csrf": token, "name": "Hà Nội"], cookies: ["covizone_session": author])
            #expect(created.status == .seeOther)
            let page = try await get(client, "/audiences", session: author)
            let id = String(try #require(page.text.firstMatch(of: /action="\/audiences\/(\d+)\/members"/)?.1))
            let imported = try await web.postForm(
                client, "/audiences/\(id)/members", ["_csrf": token, "csv": "msisdn,province\n0912345678,01\n0987654321,01\n12345,01\n"],
                cookies: ["covizone_session": author]
            )
            #expect(imported.status == .ok)
            #expect(imported.text.contains("Hà Nội: đọc 3 dòng, thêm 2, 0 đã có, 1 bị từ chối."))
            #expect(imported.text.contains("không phải số di động Việt Nam"))

            let editor = try await get(client, "/campaigns/new", session: author)
            #expect(editor.status == .ok && editor.text.contains("data-province=\"Thành phố Hồ Chí Minh\""))
            var form = [
                "_csrf": token, "name": "Cài Bluezone", "audienceId": id, "template": "Xin chào {ten}", "maximumParts": "3", "sender": "BoYTe",
                "start": VietnamLocalTime.string(of: server.clock.wallClock.now + 3600), "quietStart": "22:00", "quietEnd": "07:00", "channel": "sms",
            ]
            let refused = try await web.postForm(client, "/campaigns", form, cookies: ["covizone_session": author])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("role=\"alert\">Nội dung chỉ được dùng biến {province}"), "the problem is said in the page's language")
            #expect(refused.text.contains("value=\"Cài Bluezone\""), "what was typed is kept")
            form["template"] = "Sở Y tế {province}: hãy cài đặt Bluezone để bảo vệ bản thân và cộng đồng."
            let saved = try await web.postForm(client, "/campaigns", form, cookies: ["covizone_session": author])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            let draft = try await get(client, location, session: author)
            #expect(draft.text.contains("data-status=\"draft\">bản nháp") && draft.text.contains("UCS2 · 2 tin"))
            #expect(draft.text.contains("id=\"estimate-recipients\">2<"))
            #expect(!draft.text.contains("campaign-approve"), "the author does not approve")

            let review = try await get(client, location, session: approver)
            #expect(review.text.contains("id=\"campaign-approve\""))
            let approved = try await web.postForm(client, location + "/approve", ["_csrf": try csrf(in: review)], cookies: ["covizone_session": approver])
            #expect(approved.status == .seeOther)
            let again = try await web.postForm(client, location + "/approve", ["_csrf": try csrf(in: review)], cookies: ["covizone_session": approver])
            #expect(again.status == .conflict && again.text.contains("role=\"alert\">Chiến dịch không ở giai đoạn có thể thực hiện bước này."))
            let scheduled = try await web.postForm(client, location + "/schedule", ["_csrf": try csrf(in: review)], cookies: ["covizone_session": approver])
            #expect(scheduled.status == .seeOther)
            let detail = try await get(client, location, session: author)
            #expect(detail.text.contains("đã lên lịch") && detail.text.contains("đã lên kế hoạch"))
            let list = try await get(client, "/campaigns", session: author)
            #expect(list.text.contains("Cài Bluezone"))
            let gateways = try await get(client, "/campaigns/gateways", session: author)
            #expect(gateways.status == .ok && gateways.text.contains("Chưa cấu hình SMSC"))
        }
    }

    @Test(
        "the gateways page shows the rate each bind learnt from a throttling SMSC",
        .enabled(if: SMSCSimulator.isAvailable, "needs the SMSC simulator (scripts/test installs it)")
    )
    func learntRates() async throws {
        let smsc = try await SMSCSimulator.start()
        defer { smsc.stop() }
        try await smsc.capRate(partsPerSecond: 20)
        try await TestServer.run(configure: { configuration in
            configuration.backgroundServices = true
            configuration.messaging.idleInterval = .milliseconds(50)
            configuration.messaging.connections = [
                SMSCConnection(operator: "*", host: "127.0.0.1", port: smsc.smppPort, systemId: "covizone", password: "secret", binds: 1)
            ]
        }) { server, client in
            let before = try await get(client, "/campaigns/gateways", session: try await web.signIn(client, username: "admin", password: server.adminPassword))
            #expect(before.text.contains("<td>–</td><td>–</td></tr>"), "nothing learnt before the SMSC throttles")
            let (author, approver) = try await CampaignClient.officers(of: server, client)
            let csv = "msisdn,province\n" + (0..<80).map { String(format: "0912%06d,01", $0) }.joined(separator: "\n")
            let (audienceID, _) = try await author.audience("Hà Nội", csv: csv)
            let start = VietnamLocalTime.string(of: server.clock.wallClock.now + 60)
            let created = try await author.send(.post, "/api/v1/campaigns", json: campaignBody(audienceID: audienceID, start: start, template: "Hãy cài Bluezone"))
            let id = try #require(try created.json()["id"] as? Int)
            #expect(try await approver.send(.post, "/api/v1/campaigns/\(id)/approve").status == .ok)
            #expect(try await approver.send(.post, "/api/v1/campaigns/\(id)/schedule").status == .ok)
            server.clock.advance(by: 120)
            try await waitUntil("the SMSC throttled the bind", seconds: 60) { try await smsc.received().contains { $0.status == 0x58 } }
            let session = try await web.signIn(client, username: "admin", password: server.adminPassword)
            // The first throttle cuts from what the bind sent at; the next ones bring it down to the SMSC's rate.
            try await waitUntil("a learnt rate near the SMSC's 20 a second shown", seconds: 30) {
                let page = try await get(client, "/campaigns/gateways", session: session)
                guard let rate = page.text.firstMatch(of: /<td>–<\/td><td>([0-9]+)<\/td><\/tr>/).flatMap({ Int($0.1) }) else { return false }
                return (1...40).contains(rate)
            }
        }
    }

    @Test("an officer of a province sees a national campaign without its steps or edit link, and its editor sends them back")
    func nationalCampaignForAProvince() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("minister", role: .ministryAdmin, province: nil)
            try await server.addAccount("hanoi", role: .provinceOfficer, province: "01")
            let minister = CampaignClient(client: client, token: try await client.token(username: "minister", password: "correct horse battery"))
            let (audienceID, _) = try await minister.audience("Cả nước", csv: "msisdn,province\n0912345678,01\n")
            let start = VietnamLocalTime.string(of: server.clock.wallClock.now + 3600)
            let created = try await minister.send(.post, "/api/v1/campaigns", json: campaignBody(audienceID: audienceID, start: start, template: "Hãy cài Bluezone"))
            let id = try #require(try created.json()["id"] as? Int)
            let hanoi = try await web.signIn(client, username: "hanoi", password: "correct horse battery")
            let seen = try await get(client, "/campaigns/\(id)", session: hanoi)
            #expect(seen.status == .ok && seen.text.contains("data-status=\"draft\""))
            #expect(!seen.text.contains("id=\"campaign-approve\"") && !seen.text.contains("/campaigns/\(id)/edit"), "nothing it may not do is offered")
            let editor = try await get(client, "/campaigns/\(id)/edit", session: hanoi)
            #expect(editor.status == .seeOther && editor.headers[.location] == "/campaigns/\(id)")
            let national = try await web.signIn(client, username: "minister", password: "correct horse battery")
            #expect(try await get(client, "/campaigns/\(id)", session: national).text.contains("/campaigns/\(id)/edit"), "its author may edit the draft")
        }
    }

    @Test("an empty upload on the list page is a form error, and an empty chunk in a streamed list is no character at all")
    func emptyUpload() async throws {
        var decoder = StreamingUTF8Decoder()
        #expect(decoder.decode([UInt8]()) == "" && decoder.isComplete)
        #expect(decoder.decode([0xC3]) == "" && !decoder.isComplete)
        #expect(decoder.decode([UInt8]()) == "", "an empty chunk after half a character waits for the rest")
        #expect(decoder.decode([0xA0]) == "à" && decoder.isComplete)
        try await TestServer.run { server, client in
            try await server.addAccount("uploader", role: .provinceOfficer, province: "01")
            let session = try await web.signIn(client, username: "uploader", password: "correct horse battery")
            let token = try csrf(in: try await get(client, "/audiences", session: session))
            _ = try await web.postForm(client, "/audiences", ["_csrf": token, "name": "Trống"], cookies: ["covizone_session": session])
            let page = try await get(client, "/audiences", session: session)
            let id = String(try #require(page.text.firstMatch(of: /action="\/audiences\/(\d+)\/members"/)?.1))
            for csv in ["", "  \n"] {
                let empty = try await web.postForm(client, "/audiences/\(id)/members", ["_csrf": token, "csv": csv], cookies: ["covizone_session": session])
                #expect(empty.status == .unprocessableContent)
                #expect(empty.text.contains("role=\"alert\">Hãy dán danh sách thuê bao hoặc chọn tệp CSV"))
            }
            #expect(try await get(client, "/audiences", session: session).status == .ok, "the server is still up")
        }
    }
}
