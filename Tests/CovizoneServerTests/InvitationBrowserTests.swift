import CovizoneTestSupport
import Foundation
import Testing

/// A person opens the invitation link an officer's new account sent them, sets a password in a
/// real Chromium and signs in with it.
@Suite("Invitation in the browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"))
struct InvitationBrowserTests {
    let browserTests = BrowserTests()

    @Test("the link's token fills the form, the password is set once, and the person signs in")
    func setPasswordAndSignIn() async throws {
        try await browserTests.inBrowser("setPasswordAndSignIn") { browser, server, client, base in
            let officer = try await AccountsAPITests.officer(server, client)
            let created = try await AccountsAPITests.create(client, token: officer, ["username": "cho-dong-xuan", "role": "venue-owner", "provinceCode": "01"])
            let url = try #require(try created.json()["invitation"] as? [String: Any])["url"] as? String
            let token = try AccountsAPITests.invitationToken(try #require(url))
            try await browser.navigate(to: "\(base)/invitation#\(token)")
            #expect(try await browser.text(of: "h1") == "Đặt mật khẩu")
            try await browser.type("mật khẩu chợ Đồng Xuân", into: "#password")
            try await browser.type("mật khẩu chợ khác", into: "#confirm")
            try await browser.click("#invitation-submit")
            #expect(try await browser.text(of: "#invitation-errors") == "Hai mật khẩu không giống nhau.")
            try await browser.type("mật khẩu chợ Đồng Xuân", into: "#password")
            try await browser.type("mật khẩu chợ Đồng Xuân", into: "#confirm")
            try await browser.click("#invitation-submit")
            #expect(try await browser.text(of: "#invitation-done strong") == "cho-dong-xuan")
            try browserTests.save(try await browser.screenshot(), as: "invitation-vi.png")
            try await browser.click("#invitation-login")
            try await browserTests.signIn(browser, as: "cho-dong-xuan", password: "mật khẩu chợ Đồng Xuân")
            _ = try await browser.element("#dashboard-title")
            try await browser.click("#logout")
            try await browser.navigate(to: "\(base)/invitation#\(token)")
            try await browser.type("một mật khẩu mới khác", into: "#password")
            try await browser.type("một mật khẩu mới khác", into: "#confirm")
            try await browser.click("#invitation-submit")
            #expect(try await browser.text(of: "#invitation-errors").hasPrefix("Lời mời này không còn dùng được"), "a link works once")
        }
    }
}
