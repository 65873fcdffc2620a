@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Misinformation desk: the public and the desk's pages")
struct MisinformationPagesTests {
    let web = WebPagesTests()

    func get(_ client: some TestClientProtocol, _ uri: String, session: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: "covizone_session=\(session)"])
    }

    @Test("a citizen reports on the page; the desk decides on the claim's page, publishes, drafts and sends a takedown; the verdict's public page carries its ClaimReview")
    func pages() async throws {
        try await TestServer.run { server, client in
            let refused = try await web.postForm(client, "/misinformation/report", ["text": "x", "phone": "12"], cookies: [:])
            #expect(refused.status == .unprocessableContent && refused.text.contains("class=\"error\""))
            let reported = try await web.postForm(
                client, "/misinformation/report", ["text": MisinformationDeskAPITests.saltWater, "platform": "facebook", "phone": "0912345678"], cookies: [:]
            )
            #expect(reported.status == .ok && reported.text.contains("id=\"tip-received\""))
            let posts = try MisinformationDeskAPITests.jsonLines([["platform": "facebook", "url": "https://facebook.com/p/9", "text": MisinformationDeskAPITests.saltWater]])

            try await server.addAccount("analyst", role: .misinformationAnalyst, province: nil)
            let session = try await web.signIn(client, username: "analyst", password: "correct horse battery")
            let cookies = ["covizone_session": session]
            let desk = try await get(client, "/misinformation", session: session)
            #expect(desk.status == .ok && desk.text.contains("id=\"queue\"") && desk.text.contains("id=\"tips-chart\"") && desk.text.contains("<svg"))
            let token = String(try #require(desk.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
            let imported = try await web.postForm(client, "/misinformation/import", ["_csrf": token, "format": "jsonl", "posts": posts], cookies: cookies)
            #expect(imported.status == .ok && imported.text.contains("id=\"desk-notice\""))
            let claimID = String(try #require(imported.text.firstMatch(of: /data-claim="(\d+)"/)?.1))

            let claim = try await get(client, "/misinformation/claims/\(claimID)", session: session)
            #expect(claim.status == .ok && claim.text.contains("•••••••678") && claim.text.contains("https://facebook.com/p/9"))
            #expect(claim.text.contains("<h1 id=\"claim-title\">Uống nước muối ấm"), "the claim's own title, not the page's")
            #expect(!claim.text.contains("id=\"answer-campaign\""), "no answer before a verdict")
            let unpublishable = try await web.postForm(client, "/misinformation/claims/\(claimID)", ["_csrf": token, "status": "undetermined", "publish": "on"], cookies: cookies)
            #expect(unpublishable.status == .unprocessableContent && unpublishable.text.contains("class=\"error\""))
            let decided = try await web.postForm(client, "/misinformation/claims/\(claimID)", [
                "_csrf": token, "status": "false", "publish": "on", "verdictVi": "Nước muối không diệt được virus.", "provinceCode": "", "evidence": "https://moh.gov.vn/a\n",
            ], cookies: cookies)
            #expect(decided.status == .seeOther)
            let after = try await get(client, "/misinformation/claims/\(claimID)", session: session)
            #expect(after.text.contains("id=\"claim-public\"") && after.text.contains("id=\"answer-campaign\"") && after.text.contains("/info/manage/announcements?"))
            let campaignHref = String(try #require(after.text.firstMatch(of: /id="answer-campaign" href="([^"]+)"|href="([^"]+)" id="answer-campaign"/)?.2 ?? nil))
            #expect(campaignHref.hasPrefix("/campaigns/new?") && campaignHref.contains("template="))
            let announcementHref = String(try #require(after.text.firstMatch(of: /href="(\/info\/manage\/announcements\?[^"]+)"/)?.1))
            let admin = try await web.signIn(client, username: "admin", password: server.adminPassword)
            let campaign = try await get(client, campaignHref.replacingOccurrences(of: "&amp;", with: "&"), session: admin)
            #expect(campaign.status == .ok && campaign.text.contains("Nước muối không diệt được virus.") && campaign.text.contains("Cải chính tin sai #\(claimID)"))
            let announcement = try await get(client, announcementHref.replacingOccurrences(of: "&amp;", with: "&"), session: admin)
            #expect(announcement.status == .ok && announcement.text.contains("Cải chính: ") && announcement.text.contains("Nước muối không diệt được virus."))

            let takedown = try await web.postForm(client, "/misinformation/claims/\(claimID)/takedowns", ["_csrf": token, "platform": "facebook", "legalBasis": "Nghị định 15/2020/NĐ-CP"], cookies: cookies)
            #expect(takedown.status == .seeOther && takedown.headers[.location] == "/misinformation/takedowns")
            let takedowns = try await get(client, "/misinformation/takedowns", session: session)
            let takedownID = String(try #require(takedowns.text.firstMatch(of: /data-takedown="(\d+)"/)?.1))
            #expect(try await web.postForm(client, "/misinformation/takedowns/\(takedownID)", ["_csrf": token, "action": "send"], cookies: cookies).status == .seeOther)
            let early = try await web.postForm(client, "/misinformation/takedowns/\(takedownID)", ["_csrf": token, "action": "send"], cookies: cookies)
            #expect(early.status == .unprocessableContent && early.text.contains("class=\"error\""), "sent once only")

            let verdict = try await client.get("/misinformation/verdicts/\(claimID)")
            #expect(verdict.status == .ok && verdict.text.contains("<script type=\"application/ld+json\">") && verdict.text.contains("\"@type\":\"ClaimReview\""))
            #expect(verdict.text.contains("<h1 id=\"verdict-title\">Uống nước muối ấm"))
            #expect(try await client.get("/misinformation/verdicts").text.contains("/misinformation/verdicts/\(claimID)"))
            let again = try await web.postForm(client, "/misinformation/report", ["text": "nuoc muoi am uong moi sang diet sach virus corona trong co hong"], cookies: [:])
            #expect(again.text.contains("id=\"tip-verdict\"") && again.text.contains("Nước muối không diệt được virus."))
            #expect(try await client.get("/misinformation").status == .seeOther, "the desk signs in")
        }
    }
}
