import CovizoneCore
import CovizoneTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// The campaign's whole way in a real Chromium: a list imported on the page, a Vietnamese message
/// whose parts show as it is typed, a second officer's approval, a round sent over SMPP to the
/// smpp34 simulator, its receipts and reach on the campaign page.
@Suite(
    "Campaign in the browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"),
    .enabled(if: SMSCSimulator.isAvailable, "needs the SMSC simulator (scripts/test installs it)")
)
struct CampaignBrowserTests {
    let browserTests = BrowserTests()

    @Test("import, write, approve, send, watch the reach", arguments: TestEngine.available)
    func campaign(engine: TestEngine) async throws {
        let smsc = try await SMSCSimulator.start()
        defer { smsc.stop() }
        try await browserTests.inBrowser("campaign-\(engine)", engine: engine) { browser, server, client, base in
            try await server.addAccount("author", role: .provinceOfficer, province: "01")
            try await server.addAccount("approver", role: .provinceOfficer, province: "01")
            try await browser.navigate(to: "\(base)/login?next=/audiences")
            try await browserTests.signIn(browser, as: "author")
            try await browser.type("Hà Nội", into: "#audience-name")
            try await browser.click("#create-audience")
            try await browser.setValue("msisdn,province\n0912345678,01\n0987654321,01\n0901234567,01\n0241234567,01\n", of: ".csv-text")
            try await browser.click(".import-members")
            #expect(try await browser.text(of: "#import-summary") == "Hà Nội: đọc 4 dòng, thêm 3, 0 đã có, 1 bị từ chối.")

            try await browser.navigate(to: "\(base)/campaigns/new")
            try await browser.type("Cài Bluezone", into: "#name")
            try await browser.type("Sở Y tế {province}: hãy cài đặt ứng dụng Bluezone để được cảnh báo khi tiếp xúc gần người nhiễm COVID-19.", into: "#template")
            #expect(try await browser.waitForText("#sms-preview", toBe: "UCS2: 2 tin, 116 ký tự. Không dấu: 1 tin.") == "UCS2: 2 tin, 116 ký tự. Không dấu: 1 tin.")
            try await browser.click("#noDiacritics")
            #expect(try await browser.waitForText("#sms-preview", toBe: "GSM7: 1 tin, 116 ký tự.") == "GSM7: 1 tin, 116 ký tự.")
            try await browser.click("#noDiacritics")
            try await browser.setValue(VietnamLocalTime.string(of: server.clock.wallClock.now + 60), of: "#start")
            try await browser.setWindowSize(width: 1280, height: 2000)
            try browserTests.save(try await browser.screenshot(), as: "campaign-editor-vi.png")
            try await browser.click("#save-campaign")
            #expect(try await browser.text(of: "#campaign-status") == "bản nháp")
            #expect(try await browser.text(of: "#estimate-recipients") == "3")
            try await browserTests.signOut(browser)

            try await browser.navigate(to: "\(base)/login?next=/campaigns")
            try await browserTests.signIn(browser, as: "approver")
            try await browser.navigate(to: "\(base)/campaigns")
            try await browser.click("#campaigns-table a")
            try await browser.click("#campaign-approve")
            try await browser.click("#campaign-schedule")
            #expect(try await browser.text(of: "#campaign-status") == "đã lên lịch")
            let page = try await browser.currentURL()
            let campaignID = try #require(page.split(separator: "/").last.flatMap { Int($0) })
            let author = CampaignClient(client: client, token: try await client.token(username: "author", password: "correct horse battery"))

            try await server.withDispatcher(smsc: smsc) { dispatcher in
                server.clock.advance(by: 120)
                try await dispatcher.dispatchOnce()
                try await browser.navigate(to: page)
                _ = try await browser.element("#campaign-rounds[data-refresh-seconds]")
                try await waitUntil("the page showed the round settled, without being reloaded", seconds: 60) {
                    try await dispatcher.dispatchOnce()
                    try await dispatcher.flush()
                    return try await browser.text(of: "#rounds-table .reach") == "100.0 %"
                }
                try await dispatcher.waitUntilClosed(campaign: campaignID, reading: author)
            }
            #expect(try await browser.text(of: "#rounds-table .delivered") == "3")
            _ = try await browser.element("#round-progress-chart svg")
            _ = try await browser.element("#round-reach-chart svg")
            try await browser.navigate(to: page)
            #expect(try await browser.text(of: "#campaign-status") == "hoàn thành")
            #expect(try await smsc.received().count == 6, "three recipients, two parts each")
            try browserTests.save(try await browser.screenshot(), as: "campaign-round-vi.png")
        }
    }
}
