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
            try await browserTests.signOut(browser)
            try await browser.navigate(to: "\(base)/invitation#\(token)")
            try await browser.type("một mật khẩu mới khác", into: "#password")
            try await browser.type("một mật khẩu mới khác", into: "#confirm")
            try await browser.click("#invitation-submit")
            #expect(try await browser.text(of: "#invitation-errors").hasPrefix("Lời mời này không còn dùng được"), "a link works once")
        }
    }

    @Test("an officer creates an account on the page, imports three from a CSV, sees each link once and disables one")
    func officerPages() async throws {
        try await browserTests.inBrowser("officerPages") { browser, server, _, base in
            try await server.addAccount("officer-01", role: .provinceOfficer, province: "01")
            try await browser.navigate(to: "\(base)/login?next=/accounts")
            try await browserTests.signIn(browser, as: "officer-01")
            try await browser.type("cho-hang-da", into: "#username")
            try await browser.select("venue-owner", in: "#role")
            try await browser.type("Chợ Hàng Da", into: "#displayName")
            try await browser.type("0912 345 678", into: "#phone")
            try await browser.click("#create-account")
            #expect(try await browser.text(of: "#invited-table tbody tr td").hasPrefix("cho-hang-da"))
            #expect(try await browser.text(of: "#invited-table .invitation-url").contains("/invitation#"))
            try await browser.setValue(
                "username,role,displayName\nthcs-1,facility-manager,THCS 1\nthcs-2,facility-manager,THCS 2\ndv-1,reporting-unit,Báo Hà Nội Mới\n",
                of: "#accounts-csv"
            )
            try await browser.click("#import-accounts")
            _ = try await browser.element("#invited-table tbody tr:nth-child(3)")
            try browserTests.save(try await browser.screenshot(), as: "accounts-vi.png")
            try await browser.click("tr[data-account='thcs-2'] .disable")
            #expect(try await browser.text(of: "#account-state") == "đã khóa")
            #expect(try await browser.text(of: "#account-invitation").hasPrefix("còn hiệu lực đến"))
            let history = try await browser.text(of: "#account-history tbody")
            #expect(history.contains("accounts.disable") && history.contains("accounts.create") && history.contains("officer-01"))
            try await browser.navigate(to: "\(base)/accounts")
            try await browser.setValue("username,role\nsomeone,province-officer\n", of: "#accounts-csv")
            try await browser.click("#import-accounts")
            let problems = try await browser.text(of: "#accounts-errors")
            #expect(problems.hasPrefix("1 dòng có lỗi; chưa tài khoản nào được tạo.") && problems.contains("Dòng 2: Vai trò:"), "said in the page's language")
        }
    }
}

