import CovizoneTestSupport
import Foundation
import Testing

/// Official information's main path in a real Chromium: a citizen types a question without
/// diacritics and reads the answer, then finds the nearest testing site from a position and sees
/// the hotlines with their `tel:` links.
@Suite("Official information in the browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"))
struct InformationBrowserTests {
    let browserTests = BrowserTests()

    @Test("a citizen searches without diacritics and finds the nearest testing site")
    func mainPath() async throws {
        try await browserTests.inBrowser("informationMainPath") { browser, server, client, base in
            let admin = CampaignClient(client: client, token: try await client.token(username: "admin", password: server.adminPassword))
            #expect(try await admin.send(.post, "/api/v1/info/entries", json: InformationAPITests.isolation).status == .created)
            let sites: [(String, [String], Double, Double)] = [
                ("Bệnh viện Đức Giang", ["testing"], 21.0652, 105.8957), ("Trạm y tế phường Hàng Bạc", ["testing", "vaccination"], 21.0340, 105.8530),
                ("Nhà thuốc Long Châu Tràng Tiền", ["pharmacy"], 21.0290, 105.8540),
            ]
            for (name, services, latitude, longitude) in sites {
                let facility = InformationDirectoryAPITests.facility(name, services: services, latitude: latitude, longitude: longitude)
                #expect(try await admin.send(.post, "/api/v1/info/facilities", json: facility).status == .created)
            }

            try await browser.navigate(to: "\(base)/info")
            try await browser.type("cach ly tai nha bao nhieu ngay", into: "#info-q")
            try await browser.click("#info-search")
            _ = try await browser.element("#info-answers")
            #expect(try await browser.text(of: "#info-answers li:first-child h3") == "Cách ly tại nhà bao nhiêu ngày?")

            try await browser.select("testing", in: "#info-service")
            try await browser.type("21.0285, 105.8542", into: "#info-near")
            try await browser.click("#info-find-facilities")
            _ = try await browser.element("#info-facilities")
            let nearest = try await browser.text(of: "#info-facilities li:first-child h3")
            #expect(nearest.hasPrefix("Trạm y tế phường Hàng Bạc") && nearest.hasSuffix("0.6 km"), "the pharmacy is nearer but offers no testing: \(nearest)")
            #expect(try await browser.value(of: "#info-near") == "21.0285, 105.8542", "the position is shown as typed")
            #expect(try await browser.text(of: "#info-hotlines").contains("19009095"))
            try browserTests.save(try await browser.screenshot(), as: "information.png")
        }
    }
}
