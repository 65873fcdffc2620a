import CovizoneCore
import CovizoneTestSupport
import Foundation
import Testing

/// The exchange's main path in a real Chromium: a clinic enters a confirmed case with the form;
/// the province's health authority finds it in the line list, issues the patient's upload code
/// and declares an outbreak at the venue the patient's phone checked in at; the figures page
/// draws the day.
@Suite("Health data exchange in the browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"))
struct HealthBrowserTests {
    let browserTests = BrowserTests()

    @Test("a facility enters a case by form; the health authority issues its upload code and declares an outbreak from it")
    func mainPath() async throws {
        try await browserTests.inBrowser("healthMainPath") { browser, server, client, base in
            let venue = try await CheckInsAPITests().approvedVenue(server, client)
            let visited = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "time": (server.clock.now - 20 * 3600).formatted(.iso8601), "phone": "0912000111"])
            #expect(visited.status == .created)
            try await server.addAccount("pk-ba-dinh", role: .healthFacility, province: "01")
            try await server.addAccount("syt-hn", role: .healthAuthority, province: "01")

            try await browser.navigate(to: "\(base)/login?next=/health")
            try await browserTests.signIn(browser, as: "pk-ba-dinh")
            try await browser.click("#enter-case")
            try await browser.type("Nguyễn Văn An", into: "#field-name")
            try await browser.type("001090000001", into: "#field-identifier")
            try await browser.type("0912000111", into: "#field-phone")
            try await browser.select("01", in: "#field-provinceCode")
            try await browser.select("confirmed", in: "#field-diagnosis")
            try await browser.select("pcr", in: "#field-test")
            try await browser.select("positive", in: "#field-result")
            try await browser.setValue(VietnamLocalTime.string(of: server.clock.now - 6 * 3600), of: "#field-testedAt")
            try browserTests.save(try await browser.screenshot(), as: "health-case-form.png")
            try await browser.click("#save-case")
            #expect(try await browser.waitForText("#case-name", toBe: "Nguyễn Văn An") == "Nguyễn Văn An")
            #expect(try await browser.text(of: "#case-status") == "Xác nhận")
            try await browserTests.signOut(browser)

            try await browser.navigate(to: "\(base)/login?next=/health")
            try await browserTests.signIn(browser, as: "syt-hn")
            _ = try await browser.element("#cases-table")
            try await browser.click("#cases-table tbody tr:first-child a")
            _ = try await browser.element("#case-venues")
            try await browser.click("#issue-upload-code")
            let code = try await browser.text(of: "#short-code")
            #expect(code.count == 8 && code.allSatisfy(\.isNumber))
            try browserTests.save(try await browser.screenshot(), as: "health-case.png")
            try await browser.click("#case-venues .declare-outbreak")
            #expect(try await browser.text(of: "#case-notice").contains("1"))
            try await browser.click("#figures-link")
            _ = try await browser.element("#figures-chart svg")
            try browserTests.save(try await browser.screenshot(), as: "health-figures.png")
        }
    }
}
