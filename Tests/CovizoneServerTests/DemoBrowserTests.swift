import CovizoneTestSupport
import Foundation
import Testing

/// A newcomer's walk through `serve --demo` in a real Chromium: every role's dashboards show
/// data and a chart. With `COVIZONE_RECORD_SCREENSHOTS=1` the README's screenshots in
/// `docs/screenshots/` are taken again.
@Suite("The demo in the browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"))
struct DemoBrowserTests {
    let browserTests = BrowserTests()

    static let readmeScreenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/screenshots")

    /// Saves the page (or the part of it `selector` picks) as a test artifact, and for the
    /// README when asked to.
    func keep(_ browser: WebDriver, as name: String, of selector: String? = nil) async throws {
        var png = try await browser.screenshot()
        if let selector {
            // Chromium cuts an element's picture at the window's edge: the whole page fits in a tall one.
            try await browser.setWindowSize(width: 1280, height: 4000)
            png = try await browser.screenshot(of: selector)
            try await browser.setWindowSize(width: 1280, height: 1500)
        }
        try browserTests.save(png, as: "demo-" + name)
        if ProcessInfo.processInfo.environment["COVIZONE_RECORD_SCREENSHOTS"] == "1" {
            try png.write(to: Self.readmeScreenshots.appendingPathComponent(name))
        }
    }

    @Test("a newcomer walks the demo: each role's dashboards show data and a chart, none is empty")
    func walkTheDemo() async throws {
        try await browserTests.inBrowser("walkTheDemo", configure: { $0.demo = true }) { browser, server, _, base in
            try await browser.setWindowSize(width: 1280, height: 1500)
            func signIn(_ username: String) async throws {
                try await browser.navigate(to: "\(base)/login?next=/")
                try await browserTests.signIn(browser, as: username, password: try server.demoPassword(of: username))
                _ = try await browser.element("#dashboard-title")
            }
            /// Opens `path` and waits for its chart: an empty dashboard draws none.
            func chart(_ path: String, _ figure: String) async throws {
                try await browser.navigate(to: base + path)
                _ = try await browser.element("\(figure) svg", timeout: 5)
            }

            try await signIn("demo-province")
            #expect(try await browser.text(of: "#system-checkin .figure").hasSuffix("lượt quét mã trong 24 giờ qua."))
            _ = try await browser.element("#system-checkin svg")
            #expect(try await browser.text(of: "#system-campaigns .figure").contains("Đợt gửi gần nhất của “Tiêm nhắc lại vắc xin” đã đến"))
            try await keep(browser, as: "dashboard.png")
            try await chart("/checkins/dashboard", "#per-hour-chart")
            _ = try await browser.element("#per-type-chart svg")
            try await keep(browser, as: "checkins-dashboard.png")
            try await browser.navigate(to: "\(base)/campaigns")
            try await browser.click("#campaigns-table a")
            _ = try await browser.element("#round-progress-chart svg")
            _ = try await browser.element("#round-reach-chart svg")
            #expect(try await browser.text(of: "#rounds-table .reach") != "")
            try await keep(browser, as: "campaign-round.png", of: "#campaign-rounds")
            try await browser.navigate(to: "\(base)/venues")
            try await browser.click("#venues-table a[href$='/poster']")
            _ = try await browser.element("img, svg")
            try await keep(browser, as: "checkin-poster.png")
            try await browser.navigate(to: "\(base)/reporting")
            try await browser.click("#rounds-table tbody tr:last-child a")
            _ = try await browser.element("#channel-chart svg")
            _ = try await browser.element("#board-table .status[data-status='late']")
            try await keep(browser, as: "reporting-round.png")
            try await browser.navigate(to: "\(base)/")
            _ = try await browser.element("#system-misinformation svg")
            try await chart("/misinformation", "#tips-chart")
            _ = try await browser.element("#status-chart svg")
            _ = try await browser.element("#takedown-chart svg")
            _ = try await browser.element("#queue tbody tr")
            #expect(try await browser.text(of: "#model-figures").contains("ROC-AUC"))
            try await keep(browser, as: "misinformation.png")
            try await browser.navigate(to: "\(base)/")
            try await browserTests.signOut(browser)

            try await signIn("demo-health")
            _ = try await browser.element("#system-datasharing svg")
            _ = try await browser.element("#system-entry svg")
            _ = try await browser.element("#system-safetymap svg")
            _ = try await browser.element("#system-exposure svg")
            try await chart("/declarations/worklist", "#worklist-chart")
            _ = try await browser.element("#worklist-table tbody tr a")
            try await keep(browser, as: "worklist.png")
            try await chart("/outbreaks/zoning", "#zoning-chart")
            try await chart("/exposure/statistics", "#uploads-chart")
            _ = try await browser.element("#codes-chart svg")
            try await keep(browser, as: "exposure-statistics.png")
            try await chart("/safety/statistics", "#safety-chart")
            _ = try await browser.element("#ward-levels tbody tr")
            try await keep(browser, as: "safety-statistics.png")
            try await chart("/health/figures?days=14", "#figures-chart")
            #expect(try await browser.text(of: "#facility-beds tbody tr td").contains("Chợ Rẫy"), "facilities go by their names")
            try await keep(browser, as: "health-figures.png")
            try await browser.navigate(to: "\(base)/health/merges")
            _ = try await browser.element(".merge .undo-merge")
            try await browserTests.signOut(browser)

            try await browser.navigate(to: "\(base)/safety?province=79")
            _ = try await browser.element("#safety-map circle.dot[data-status='unsafe']")
            _ = try await browser.element("#live-state[data-connected-now]")
            try await keep(browser, as: "safety-map.png")
            try await signIn("demo-facility")
            try await browser.navigate(to: "\(base)/safety/manage")
            try await browser.click("#facilities-table td a")
            _ = try await browser.element("#self-check-form .checklist li")
            try await browserTests.signOut(browser)

            try await signIn("demo-venue")
            try await browser.navigate(to: "\(base)/venues")
            try await browser.click("#venues-table td a")
            _ = try await browser.element("#venue-chart svg")
            _ = try await browser.element("#venue-visits tbody tr")
            try await browserTests.signOut(browser)

            try await signIn("demo-telecom")
            try await browser.navigate(to: "\(base)/campaigns")
            try await browser.click("#campaigns-table a")
            _ = try await browser.element("#round-progress-chart svg")
            try await browserTests.signOut(browser)

            try await signIn("demo-ministry")
            try await chart("/checkins/dashboard", "#per-hour-chart")
        }
    }
}
