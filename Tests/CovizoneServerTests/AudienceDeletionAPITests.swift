@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@Suite("Deleting subscriber lists: API, page and retention")
struct AudienceDeletionAPITests {
    static let csv = "msisdn,province\n0912345678,01\n0987654321,01\n"

    @Test("an officer deletes a list of the province once no campaign still needs it, and the deletion is audited", arguments: TestEngine.available)
    func api(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let (author, _) = try await CampaignClient.officers(of: server, client)
            try await server.addAccount("saigon", role: .provinceOfficer, province: "79")
            let saigon = CampaignClient(client: client, token: try await client.token(username: "saigon", password: "correct horse battery"))
            let (listID, _) = try await author.audience("Hà Nội", csv: Self.csv)
            let start = VietnamLocalTime.string(of: server.clock.wallClock.now + 3600)
            let created = try await author.send(.post, "/api/v1/campaigns", json: campaignBody(audienceID: listID, start: start, template: "{province}: cai Bluezone"))
            let campaignID = try #require(try created.json()["id"] as? Int)

            #expect(try await saigon.send(.delete, "/api/v1/audiences/\(listID)").status == .notFound, "another province's list")
            let inUse = try await author.send(.delete, "/api/v1/audiences/\(listID)")
            #expect(inUse.status == .conflict)
            #expect(try inUse.json()["code"] as? String == "audience_in_use" && inUse.text.contains("#\(campaignID)"))
            #expect(try await author.send(.get, "/api/v1/audiences/\(listID)").status == .ok, "kept while the draft needs it")

            #expect(try await author.send(.post, "/api/v1/campaigns/\(campaignID)/cancel").status == .ok)
            #expect(try await author.send(.delete, "/api/v1/audiences/\(listID)").status == .noContent)
            #expect(try await author.send(.get, "/api/v1/audiences/\(listID)").status == .notFound)
            #expect(try await author.send(.delete, "/api/v1/audiences/\(listID)").status == .notFound, "deleted once")
            let lists = try #require(try await author.send(.get, "/api/v1/audiences").json()["items"] as? [[String: Any]])
            #expect(lists.isEmpty)
            #expect(try await author.send(.get, "/api/v1/campaigns/\(campaignID)").status == .ok, "the campaign that used it stays")
            let onDeleted = try await author.send(.post, "/api/v1/campaigns", json: campaignBody(audienceID: listID, start: start, template: "{province}: cai Bluezone"))
            #expect(onDeleted.status == .notFound, "no campaign on a deleted list")
            let importing = try await client.execute(
                uri: "/api/v1/audiences/\(listID)/members", method: .post, headers: [.authorization: "Bearer \(author.token)", .contentType: "text/csv"],
                body: ByteBuffer(string: Self.csv)
            )
            #expect(importing.status == .notFound, "nothing imported into a deleted list")

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            #expect(audit.contains { $0["action"] as? String == "audiences.delete" && $0["province"] as? String == "01" && $0["actor"] as? String == "author" })
        }
    }

    @Test("the page deletes a list only with the box ticked and says which campaigns still use one; a campaign page names its list, deleted or not")
    func page() async throws {
        try await TestServer.run { server, client in
            let web = WebPagesTests()
            let pages = CampaignPagesTests()
            let (author, _) = try await CampaignClient.officers(of: server, client)
            let (listID, _) = try await author.audience("Hà Nội", csv: Self.csv)
            let (usedID, _) = try await author.audience("Hà Nội 2", csv: Self.csv)
            let start = VietnamLocalTime.string(of: server.clock.wallClock.now + 3600)
            let created = try await author.send(.post, "/api/v1/campaigns", json: campaignBody(audienceID: usedID, start: start, template: "{province}: cai Bluezone"))
            let campaignID = try #require(try created.json()["id"] as? Int)
            let session = try await web.signIn(client, username: "author", password: "correct horse battery")
            let page = try await pages.get(client, "/audiences", session: session)
            #expect(page.text.contains("action=\"/audiences/\(listID)/delete\""))
            let token = try pages.csrf(in: page)

            let unticked = try await web.postForm(client, "/audiences/\(listID)/delete", ["_csrf": token], cookies: ["covizone_session": session])
            #expect(unticked.status == .unprocessableContent && unticked.text.contains("role=\"alert\">Hãy đánh dấu ô xác nhận"))
            let used = try await web.postForm(client, "/audiences/\(usedID)/delete", ["_csrf": token, "confirm": "yes"], cookies: ["covizone_session": session])
            #expect(used.status == .conflict && used.text.contains("role=\"alert\">Các chiến dịch #\(campaignID) vẫn dùng danh sách này"))
            let deleted = try await web.postForm(client, "/audiences/\(listID)/delete", ["_csrf": token, "confirm": "yes"], cookies: ["covizone_session": session])
            #expect(deleted.status == .seeOther)
            let after = try await pages.get(client, "/audiences", session: session)
            #expect(!after.text.contains("data-audience=\"\(listID)\"") && after.text.contains("data-audience=\"\(usedID)\""))

            let campaignPage = try await pages.get(client, "/campaigns/\(campaignID)", session: session)
            #expect(campaignPage.text.contains("id=\"campaign-audience\">Danh sách thuê bao: Hà Nội 2 · Người nhận: Thành phố Hà Nội</p>"))
            #expect(try await author.send(.post, "/api/v1/campaigns/\(campaignID)/cancel").status == .ok)
            let freed = try await web.postForm(client, "/audiences/\(usedID)/delete", ["_csrf": token, "confirm": "yes"], cookies: ["covizone_session": session])
            #expect(freed.status == .seeOther)
            let afterwards = try await pages.get(client, "/campaigns/\(campaignID)", session: session)
            #expect(afterwards.text.contains("Danh sách thuê bao: Hà Nội 2 (đã xoá)"), "the campaign still names the list it used")
        }
    }

    @Test("the retention pass deletes a list unused for longer than the limit")
    func retention() async throws {
        try await TestServer.run { server, client in
            let (author, _) = try await CampaignClient.officers(of: server, client)
            let (listID, _) = try await author.audience("Hà Nội", csv: Self.csv)
            let purge = { try await server.withDatabase { try await server.retention($0).purgeOnce() } }
            // Looked up in the store: the officer's token expires long before the list does.
            let isKept = { try await server.withDatabase { try await AudienceRepository(database: $0).audience(id: Int64(listID)) != nil } }
            server.clock.advance(by: TimeInterval(server.configuration.audienceRetentionDays - 1) * 86_400)
            try await purge()
            #expect(try await isKept(), "within the limit")
            server.clock.advance(by: 2 * 86_400)
            try await purge()
            #expect(try await isKept() == false)
        }
    }
}
