import CovizoneTestSupport
import Foundation
import Testing

/// The misinformation desk's main path in a real Chromium: a citizen reports a rumour on the
/// public page; an analyst opens it from the queue, finds it false and publishes the verdict,
/// drafts a takedown request and marks it sent; the citizen who reports it again is answered at
/// once, and the verdict's public page shows it.
@Suite("Misinformation desk in the browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"))
struct MisinformationBrowserTests {
    let browserTests = BrowserTests()

    @Test("a tip is reported, decided, published and followed by a takedown request, all in the pages")
    func mainPath() async throws {
        try await browserTests.inBrowser("misinformationMainPath") { browser, server, client, base in
            try await server.addAccount("analyst", role: .misinformationAnalyst, province: nil)
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            let posts = try MisinformationDeskAPITests.jsonLines([
                ["platform": "facebook", "url": "https://facebook.com/groups/9/posts/1", "author": "tin-nong", "text": MisinformationDeskAPITests.saltWater, "shares": 900],
            ])
            #expect(try await MisinformationDeskAPITests.importPosts(posts, as: admin).status == .created)

            try await browser.navigate(to: "\(base)/misinformation/report")
            try await browser.type("Nghe nói uống nước muối ấm mỗi sáng diệt sạch virus corona trong cổ họng, có đúng không?", into: "#tip-text")
            try await browser.select("facebook", in: "#tip-platform")
            try await browser.click("#tip-submit")
            _ = try await browser.element("#tip-received")

            try await browser.navigate(to: "\(base)/login?next=/misinformation")
            try await browserTests.signIn(browser, as: "analyst")
            _ = try await browser.element("#queue")
            try await browser.click("#queue tbody tr:first-child a")
            _ = try await browser.element("#decide-form")
            #expect(try await browser.text(of: "#claim-items").contains("https://facebook.com/groups/9/posts/1"), "the post and the tip are one claim")
            try await browser.select("false", in: "#claim-status-select")
            try await browser.type("Nước muối không diệt được virus corona; hãy tiêm vắc xin và đeo khẩu trang.", into: "#claim-verdict-vi")
            try await browser.type("https://moh.gov.vn/", into: "#claim-source")
            try await browser.click("#claim-publish")
            try await browser.click("#decide")
            #expect(try await browser.waitForText("#claim-status", toBe: "Sai sự thật") == "Sai sự thật")
            _ = try await browser.element("#answer-campaign")
            try browserTests.save(try await browser.screenshot(), as: "misinformation-claim.png")

            try await browser.select("facebook", in: "#takedown-platform")
            try await browser.click("#request-takedown")
            _ = try await browser.element("#takedowns")
            try await browser.click("#takedowns .takedown-send")
            _ = try await browser.element("#takedowns .takedown-close")
            #expect(try await browser.text(of: "#takedowns tbody tr:first-child").contains("Đã gửi"))
            try await browser.navigate(to: "\(base)/misinformation")
            _ = try await browser.element("#status-chart svg")
            try browserTests.save(try await browser.screenshot(), as: "misinformation.png")
            try await browserTests.signOut(browser)

            try await browser.navigate(to: "\(base)/misinformation/report")
            try await browser.type("uong nuoc muoi am diet virus corona that khong?", into: "#tip-text")
            try await browser.click("#tip-submit")
            #expect(try await browser.text(of: "#tip-verdict").contains("Nước muối không diệt được virus corona"))
            try await browser.click("#tip-verdict a")
            #expect(try await browser.text(of: "#verdict-status") == "Sai sự thật")
        }
    }
}
