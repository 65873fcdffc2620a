import CovizoneTestSupport
import Foundation
import Testing

/// The safety map's main path in a real Chromium: the open map recolours a facility live when its
/// manager self-checks, a citizen reports a problem from the facility's page, an officer verifies
/// it and the dot turns red without a reload; then the manager self-checks on a phone-sized page.
@Suite("Safety map in the browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"))
struct SafetyBrowserTests {
    let browserTests = BrowserTests()

    @Test("self-check, live recolouring, a citizen's report, verification, the phone-sized checklist")
    func mainPath() async throws {
        try await browserTests.inBrowser("safetyMainPath") { browser, server, client, base in
            let fixture = try await SafetyFixture.make(server, client)
            let dot = #"circle[data-facility="\#(fixture.facilityID)"]"#
            try await browser.navigate(to: "\(base)/safety?province=01")
            _ = try await browser.element(#"\#(dot)[data-status="not-reported"]"#)
            _ = try await browser.element("#live-state[data-connected-now]")  // the stream is open

            #expect(try await fixture.selfCheck().status == .created)
            _ = try await browser.element(#"\#(dot)[data-status="safe"]"#, timeout: 10)
            #expect(try await browser.text(of: #"#facility-list li[data-facility="\#(fixture.facilityID)"] [data-role="label"]"#) == "An toàn")
            try browserTests.save(try await browser.screenshot(), as: "safety-map-live.png")

            try await browser.navigate(to: "\(base)/safety/facilities/\(fixture.facilityID)")
            try await browser.select("no-masks", in: "#category")
            try await browser.type("Người bán không đeo khẩu trang", into: "#report-text")
            try await browser.click("#send-report")
            _ = try await browser.element("#report-sent")

            try await browser.navigate(to: "\(base)/safety?province=01")
            _ = try await browser.element("#live-state[data-connected-now]")
            let queue = try await fixture.officer.send(.get, "/api/v1/safety/feedback?status=in-review").json()["items"] as? [[String: Any]]
            let reportID = try #require(queue?.first?["id"] as? Int)
            #expect(try await fixture.officer.send(.post, "/api/v1/safety/feedback/\(reportID)/review", json: ["decision": "verified"]).status == .ok)
            _ = try await browser.element(#"\#(dot)[data-status="unsafe"]"#, timeout: 10)
            try browserTests.save(try await browser.screenshot(), as: "safety-map-verified.png")

            try await browser.setWindowSize(width: 390, height: 1400)
            try await browser.navigate(to: "\(base)/login?next=/safety/manage/\(fixture.facilityID)")
            try await browserTests.signIn(browser, as: "manager-hn")
            _ = try await browser.element("#self-check-form")
            #expect(try await browser.text(of: "#facility-status") == "Không an toàn", "red while the verified report is unanswered")
            try await browser.click("#commitment")
            try await browser.click("#submit-self-check")
            _ = try await browser.element("#self-check-result")
            try browserTests.save(try await browser.screenshot(), as: "safety-self-check-phone.png")
        }
    }
}
