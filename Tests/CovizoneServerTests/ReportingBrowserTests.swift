import CovizoneCore
import CovizoneTestSupport
import Foundation
import Testing

/// Communication reporting's main path in a real Chromium: a unit opens its report from the
/// rounds page, types the seed's table (the rate follows as it types), saves a draft, completes
/// it; the province's officer sees it summed on the round's page and downloads the workbook.
@Suite("Communication reporting in the browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"))
struct ReportingBrowserTests {
    let browserTests = BrowserTests()

    @Test("a unit fills and completes its report; the province's summary counts it")
    func mainPath() async throws {
        try await browserTests.inBrowser("reportingMainPath") { browser, server, client, base in
            let tree = try await ReportingRoundsAPITests.tree(server, client)
            let round = try await ReportingRoundsAPITests.openRound(tree.officer, at: tree.province)
            try await server.addAccount("unit-city", role: .reportingUnit, province: "20", details: AccountDetails(stored: nil, phone: nil, orgUnitID: String(tree.city)))

            try await browser.navigate(to: "\(base)/login?next=/reporting")
            try await browserTests.signIn(browser, as: "unit-city")
            try await browser.click(#"#rounds-table tr[data-round="\#(round)"] a"#)
            _ = try await browser.element("#report-form")
            try await browser.type("12", into: "#radio\\.quantity")
            try await browser.type("150.000", into: "#sms-zalo\\.reached")
            try await browser.type("200.000", into: "#sms-zalo\\.target")
            #expect(try await browser.waitForText(#"[data-rate="sms-zalo"]"#, toBe: "75.0") == "75.0", "the rate follows the typing")
            try await browser.type("40", into: "#app\\.staff")
            try await browser.type("30", into: "#app\\.installed")
            try await browser.type("Cần thêm loa lưu động", into: "#proposals")
            try await browser.click("#save-draft")
            #expect(try await browser.waitForText("#report-status", toBe: "Bản nháp") == "Bản nháp")
            try browserTests.save(try await browser.screenshot(), as: "reporting-unit-form.png")
            try await browser.click("#complete-report")
            #expect(try await browser.waitForText("#report-status", toBe: "Đã hoàn thành") == "Đã hoàn thành")
            _ = try await browser.element("#not-editable")

            try await browserTests.signOut(browser)
            try await browser.navigate(to: "\(base)/login?next=/reporting/rounds/\(round)")
            try await browserTests.signIn(browser, as: "officer-ls")
            _ = try await browser.element("#summary-table")
            #expect(try await browser.text(of: "#completeness").contains("Đã hoàn thành: 1"))
            #expect(try await browser.text(of: "#summary-table tbody tr:nth-child(4)").contains("150.000 200.000 75.0"))
            #expect(try await browser.text(of: #"#board-table tr[data-unit="\#(tree.city)"] .status"#) == "Đã hoàn thành")
            try browserTests.save(try await browser.screenshot(), as: "reporting-round.png")
        }
    }
}
