@testable import CovizoneServer
import CovizoneTestSupport
import Crypto
import Foundation
import HummingbirdTesting
import Testing
import VenueCheckIn

/// End-to-end in a real headless Chromium through chromedriver (skipped when
/// `COVIZONE_TEST_CHROMEDRIVER` is not set; `scripts/test` sets it). Screenshots go to
/// `COVIZONE_TEST_ARTIFACTS` (default `.ci/out`).
@Suite("Browser", .enabled(if: WebDriver.driverPath != nil, "needs chromedriver (COVIZONE_TEST_CHROMEDRIVER)"))
struct BrowserTests {
    static var artifacts: URL {
        let path = ProcessInfo.processInfo.environment["COVIZONE_TEST_ARTIFACTS"] ?? ".ci/out"
        return URL(fileURLWithPath: path)
    }

    func save(_ png: Data, as name: String) throws {
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        try png.write(to: Self.artifacts.appendingPathComponent(name))
    }

    /// Fills the login form the browser was sent to.
    func signIn(_ browser: WebDriver, as username: String, password: String = "correct horse battery") async throws {
        try await browser.type(username, into: "#username")
        try await browser.type(password, into: "#password")
        try await browser.click("#login-submit")
    }

    /// Signs out with the page's button and waits for the login page it leads to: navigating on at
    /// once races the sign-out's redirect, which can replace the next page while it is being typed in.
    func signOut(_ browser: WebDriver) async throws {
        try await browser.click("#logout")
        _ = try await browser.element("#login-submit")
    }

    /// Runs `body` with a live server and a fresh Chromium on it; on a failure the page is saved as
    /// `failure-NAME.png`. One Chromium runs at a time (``BrowserSlot``), once its server is ready.
    func inBrowser(
        _ name: String, engine: TestEngine = .sqlite, configure: @escaping @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (WebDriver, TestServer, any TestClientProtocol, String) async throws -> Void
    ) async throws {
        try await TestServer.run(engine: engine, framework: .live, configure: configure) { server, client in
            await BrowserSlot.shared.acquire()
            do {
                try await inChromium(name, server: server, client: client, body)
                await BrowserSlot.shared.release()
            } catch {
                await BrowserSlot.shared.release()
                throw error
            }
        }
    }

    private func inChromium(
        _ name: String, server: TestServer, client: any TestClientProtocol,
        _ body: @escaping @Sendable (WebDriver, TestServer, any TestClientProtocol, String) async throws -> Void
    ) async throws {
        let driverProcess = try await ChromeDriverProcess.start(path: try #require(WebDriver.driverPath))
        defer { driverProcess.stop() }
        let base = "http://localhost:\(try #require(client.port))"
        let browser = try await WebDriver.start(endpoint: driverProcess.endpoint)
        do {
            try await body(browser, server, client, base)
        } catch {
            if let page = try? await browser.screenshot() { try? save(page, as: "failure-\(name).png") }
            if let url = try? await browser.currentURL() { try? save(Data("\(url)\n\(error)\n".utf8), as: "failure-\(name).txt") }
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test("sign in with the form, reach the Vietnamese dashboard, switch to English")
    func signInAndSwitchLanguage() async throws {
        try await inBrowser("signInAndSwitchLanguage") { browser, server, client, base in
            try await browser.navigate(to: "\(base)/")
            #expect(try await browser.currentURL().hasSuffix("/login?next=/"))
            #expect(try await browser.text(of: "h1") == "Đăng nhập Covizone")
            try save(try await browser.screenshot(), as: "login-vi.png")

            try await signIn(browser, as: "admin", password: server.adminPassword)
            #expect(try await browser.waitForText("#dashboard-title", toBe: "Bảng điều khiển") == "Bảng điều khiển")
            #expect(try await browser.text(of: "#system-datasharing h3") == "Chia sẻ dữ liệu với ngành y tế", "the tenth system opens like the others")
            _ = try await browser.element("#system-datasharing a[href=\"/health\"]")
            try save(try await browser.screenshot(), as: "dashboard-vi.png")

            try await browser.click("#language-switch")
            #expect(try await browser.waitForText("#dashboard-title", toBe: "Dashboard") == "Dashboard")
            #expect(try await browser.text(of: "#language-switch") == "Tiếng Việt")
            try save(try await browser.screenshot(), as: "dashboard-en.png")

            try await signOut(browser)
            #expect(try await browser.waitForText("h1", toBe: "Sign in to Covizone") == "Sign in to Covizone")
        }
    }

    @Test("a health authority issues an upload code on the page and opens the statistics")
    func uploadCodeAndStatistics() async throws {
        try await inBrowser("uploadCodeAndStatistics") { browser, server, client, base in
            try await server.addAccount("doh-browser", role: .healthAuthority, province: "79")
            try await browser.navigate(to: "\(base)/exposure/codes")
            try await signIn(browser, as: "doh-browser")
            _ = try await browser.element("#issue-code")
            try await browser.click("#issue-code")
            let code = try await browser.text(of: "#short-code")
            #expect(code.count == 8 && code.allSatisfy(\.isNumber))
            try save(try await browser.screenshot(), as: "exposure-codes-vi.png")

            try await browser.click("#statistics-link")
            #expect(try await browser.waitForText("h1", toBe: "Thống kê cảnh báo tiếp xúc") == "Thống kê cảnh báo tiếp xúc")
            #expect(try await browser.text(of: "#codes-table tbody tr td:nth-child(2)") == "1", "today's issued code is counted")
            try save(try await browser.screenshot(), as: "exposure-statistics-vi.png")
        }
    }

    @Test("the poster's URL opens the check-in page: the venue, a phone number, check in, check out")
    func webCheckIn() async throws {
        try await inBrowser("webCheckIn") { browser, server, client, base in
            try await server.addAccount("officer-web", role: .provinceOfficer, province: "01")
            let token = try await client.token(username: "officer-web", password: "correct horse battery")
            let created = try await client.postJSON("/api/v1/venues", VenuesAPITests.registration, headers: [.authorization: "Bearer \(token)"])
            let url = try #require(try created.json()["qrURL"] as? String)
            let fragment = try #require(url.split(separator: "#").last)
            try await browser.navigate(to: "\(base)/c#\(fragment)")
            #expect(try await browser.waitForText("#venue-name", toBe: "Quán phở Thìn") == "Quán phở Thìn")
            try await browser.type("0912 345 678", into: "#phone")
            try save(try await browser.screenshot(), as: "checkin-vi.png")
            try await browser.click("#checkin-button")
            #expect(try await browser.waitForText("#done h1", toBe: "Bạn đã khai báo đến") == "Bạn đã khai báo đến")
            #expect(try await browser.text(of: "#checked-in-at").contains("15:00:00"), "the check-in time, in Vietnam time")
            try save(try await browser.screenshot(), as: "checkin-done-vi.png")
            try await browser.click("#checkout-button")
            #expect(try await browser.waitForText("#checked-out", toBe: "Đã ghi nhận ra về. Cảm ơn bạn.") == "Đã ghi nhận ra về. Cảm ơn bạn.")

            try await browser.navigate(to: "\(base)/c?again#AAAA")  // a new document, not a fragment change
            #expect(try await browser.waitForText("#failed h1", toBe: "Không dùng được mã QR này") == "Không dùng được mã QR này")
            try await browser.navigate(to: "\(base)/c?empty")
            let noCode = "Đường dẫn này không chứa mã QR của địa điểm. Hãy quét lại áp phích ở lối vào."
            #expect(try await browser.waitForText("#failed-message", toBe: noCode) == noCode, "the message comes from the vi table")
        }
    }

    @Test(
        "the whole loop: the poster rendered by Chromium is read by zbarimg, its URL opens the check-in page, a health authority declares an outbreak and sees the exposed visit, the queued warning and the zoning",
        .enabled(if: ZBar.path != nil, "needs zbarimg"), arguments: TestEngine.available
    )
    func posterToWarning(engine: TestEngine) async throws {
        try await inBrowser("posterToWarning-\(engine)", engine: engine) { browser, server, client, base in
            let venue = try await CheckInsAPITests().approvedVenue(server, client)
            let keys = try #require(try await client.get("/api/v1/venues/keys").json()["keys"] as? [[String: Any]])
            let publicKey = try P256.Signing.PublicKey(pemRepresentation: try #require(keys.first?["publicKey"] as? String))
            try await browser.navigate(to: "\(base)/venues/\(venue.id)/poster")
            try await signIn(browser, as: "officer-checkin")
            #expect(try await browser.waitForText("#venue-name", toBe: "Quán phở Thìn") == "Quán phở Thìn")
            try await browser.setWindowSize(width: 1280, height: 1600)
            try save(try await browser.screenshot(), as: "venue-poster-vi.png")
            let code = try await browser.screenshot(of: "#venue-qr")
            try save(code, as: "venue-poster-code.png")
            let read = try #require(try await ZBar.decode(image: code, fileExtension: "png").first, "zbarimg reads the printed code")
            #expect(read.hasPrefix("https://localhost:8080/c#"), "it opens the check-in page")
            #expect(try VenuePass.verify(read, keys: [1: publicKey], now: server.clock.now).venueID == Int64(venue.id))
            try await signOut(browser)

            try await browser.navigate(to: "\(base)/c#\(try #require(read.split(separator: "#").last))")
            #expect(try await browser.waitForText("#venue-name", toBe: "Quán phở Thìn") == "Quán phở Thìn", "the page shows the venue first")
            try await browser.type("0912 345 678", into: "#phone")
            try await browser.click("#checkin-button")
            #expect(try await browser.waitForText("#done h1", toBe: "Bạn đã khai báo đến") == "Bạn đã khai báo đến")

            try await server.addAccount("doh-browser", role: .healthAuthority, province: "01")
            try await browser.navigate(to: "\(base)/outbreaks?venueId=\(venue.id)")
            try await signIn(browser, as: "doh-browser")
            _ = try await browser.element("#outbreak-form")
            try await browser.type("Hãy theo dõi sức khỏe 14 ngày.", into: "#message")
            try await browser.click("#declare-outbreak")
            _ = try await browser.element("#visitors-table")
            #expect(try await browser.text(of: "#visitors-table").contains("+84912345678"), "the tracer sees the exposed visit")
            try await browser.setWindowSize(width: 1280, height: 900)
            try save(try await browser.screenshot(), as: "outbreak-tracer-vi.png")
            try await browser.navigate(to: "\(base)/outbreaks/warnings")
            #expect(try await browser.text(of: "#warnings-table").contains("+8491****678"), "the warning is queued, the phone masked")
            try await browser.navigate(to: "\(base)/outbreaks/zoning")
            #expect(try await browser.text(of: "#zoning-table").contains("Phường Hoàn Kiếm"))
            try save(try await browser.screenshot(), as: "outbreak-zoning-vi.png")
        }
    }

    @Test("a traveller declares on the English form; the receipt's QR opens it for a border officer; it lands on the stay province's worklist, where it is followed up", .enabled(if: ZBar.path != nil, "needs zbarimg"))
    func entryDeclaration() async throws {
        try await inBrowser("entryDeclaration") { browser, server, _, base in
            try await browser.navigate(to: "\(base)/language/en?next=/declarations/entry")
            #expect(try await browser.waitForText("#declaration-form legend", toBe: "Journey") == "Journey")
            try await browser.select("sgn", in: "#port_of_entry")
            try await browser.select("air", in: "#transport")
            try await browser.type("VN 301", into: "#transport_number")
            try await browser.select("JP", in: "#departure_country")
            try await browser.setValue("2027-01-14", of: "#departure_date")
            try await browser.setValue("2027-01-15", of: "#arrival_date")
            try await browser.type("TRAN THI BINH", into: "#full_name")
            try await browser.setValue("1985-03-02", of: "#birth_date")
            try await browser.select("female", in: "#sex")
            try await browser.select("JP", in: "#nationality")
            try await browser.type("TR0123456", into: "#document_number")
            try await browser.select("00070", in: "#stay_place-ward")
            try await browser.type("5 Tràng Tiền", into: "#stay_street")
            try await browser.type("0987 654 321", into: "#phone")
            try await browser.click("input[name=symptoms][value=cough]")
            try await browser.click("input[name=contact_case][value=false]")
            try await browser.click("input[name=contact_affected_country][value=false]")
            try await browser.click("input[name=live_animal_market][value=false]")
            #expect(try await browser.isDisplayed("#vaccine_name") == false, "asked only once a vaccination is chosen")
            try await browser.select("full", in: "#vaccination")
            #expect(try await browser.isDisplayed("#vaccine_name"))
            try await browser.type("Comirnaty", into: "#vaccine_name")
            try await browser.setWindowSize(width: 1280, height: 3000)
            try save(try await browser.screenshot(), as: "declaration-entry-en.png")
            try await browser.click("#declaration-submit")

            let shown = try await browser.text(of: "#declaration-code")
            #expect(shown.count == 9 && shown.contains("-"), "the code, as XXXX-XXXX: \(shown)")
            try await browser.setWindowSize(width: 1280, height: 900)
            try save(try await browser.screenshot(), as: "declaration-receipt-en.png")
            let read = try #require(try await ZBar.decode(image: try await browser.screenshot(of: "#declaration-qr"), fileExtension: "png").first)
            #expect(read == "https://localhost:8080/declarations/entry/\(shown.replacingOccurrences(of: "-", with: ""))")

            try await server.addAccount("border-browser", role: .borderOfficer, province: nil)
            try await browser.navigate(to: "\(base)/declarations/entry/\(try #require(read.split(separator: "/").last))")
            try await signIn(browser, as: "border-browser")
            #expect(try await browser.waitForText("#answer-full_name", toBe: "TRAN THI BINH") == "TRAN THI BINH")
            #expect(try await browser.text(of: "#answer-nationality") == "Japan")
            #expect(try await browser.text(of: "#risk-level") == "High")
            try save(try await browser.screenshot(), as: "declaration-detail-en.png")
            try await signOut(browser)

            try await server.addAccount("doh-worklist", role: .healthAuthority, province: "01")
            try await browser.navigate(to: "\(base)/declarations/worklist?risk=high&status=new")
            try await signIn(browser, as: "doh-worklist")
            #expect(try await browser.text(of: "#worklist-table").contains("TRAN THI BINH"), "on Hà Nội's worklist")
            try save(try await browser.screenshot(), as: "declaration-worklist-en.png")
            try await browser.click("#worklist-table a")
            #expect(try await browser.waitForText("#declaration-code", toBe: shown) == shown, "the declaration page")
            try await browser.select("contacted", in: "#followup-status")
            try await browser.type("Called; will come for a test.", into: "#followup-note")
            try await browser.click("#followup-submit")
            #expect(try await browser.waitForText("#follow-ups li strong", toBe: "Contacted") == "Contacted")
        }
    }

    @Test("a household signs in with the texted code, adds a member, gives its address and sends the member's update, in Vietnamese")
    func householdDeclaration() async throws {
        try await inBrowser("householdDeclaration") { browser, server, _, base in
            try await browser.navigate(to: "\(base)/households")
            try await browser.type("0912 345 678", into: "#phone")
            try await browser.click("#send-code")
            _ = try await browser.element("#code-form")
            try await browser.type(try await HouseholdsAPITests().code(sentTo: "+84912345678", server), into: "#code")
            try await browser.click("#sign-in")
            #expect(try await browser.waitForText("#household-phone", toBe: "+84912345678") == "+84912345678")
            try await browser.type("Lê Thị Hoa", into: "#fullName")
            try await browser.type("1950", into: "#birthYear")
            try await browser.select("female", in: "#sex")
            try await browser.select("parent", in: "#relation")
            try await browser.click("#add-member")
            #expect(try await browser.text(of: "#members-table").contains("Lê Thị Hoa"))
            try await browser.select("00070", in: "#wardCode")
            try await browser.type("12 Hàng Bạc", into: "#street")
            try await browser.select("20", in: "#reminderHour")
            try await browser.click("#save-address")
            try await browser.click("#members-table a")
            _ = try await browser.element("#declaration-form")
            #expect(try await browser.isDisplayed("#travel_places") == false, "asked only after travelling")
            try await browser.click("input[name=travelled][value=true]")
            #expect(try await browser.isDisplayed("#travel_places"))
            try await browser.type("Đà Nẵng", into: "#travel_places")
            for question in ["contact_case", "contact_symptomatic", "contact_affected_area"] {
                try await browser.click("input[name=\(question)][value=false]")
            }
            try await browser.setWindowSize(width: 1280, height: 1800)
            try save(try await browser.screenshot(), as: "household-declaration-vi.png")
            try await browser.click("#declaration-submit")
            #expect(try await browser.waitForText("#declaration-sent", toBe: "Đã gửi khai báo. Cảm ơn bạn.") == "Đã gửi khai báo. Cảm ơn bạn.")
            #expect(!(try await browser.text(of: "#members-table").contains("Chưa khai")))
            try save(try await browser.screenshot(), as: "household-vi.png")
        }
    }
}

