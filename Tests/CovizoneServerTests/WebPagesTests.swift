import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Web pages")
struct WebPagesTests {
    /// Opens the login page and returns its anti-forgery cookie and field (they are equal).
    func loginForm(_ client: some TestClientProtocol) async throws -> String {
        let page = try await client.get("/login")
        #expect(page.status == .ok)
        let csrf = try #require(page.setCookies["covizone_login_csrf"])
        #expect(page.text.contains("name=\"_csrf\" value=\"\(csrf)\""))
        return csrf
    }

    func postForm(_ client: some TestClientProtocol, _ uri: String, _ fields: [String: String], cookies: [String: String]) async throws -> TestResponse {
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in through the form and returns the session cookie value.
    func signIn(_ client: some TestClientProtocol, username: String, password: String) async throws -> String {
        let csrf = try await loginForm(client)
        let response = try await postForm(
            client, "/login", ["_csrf": csrf, "username": username, "password": password, "next": "/"], cookies: ["covizone_login_csrf": csrf]
        )
        #expect(response.status == .seeOther)
        return try #require(response.setCookies["covizone_session"])
    }

    @Test("anonymous visitors are sent to the login page, which is Vietnamese by default")
    func anonymous() async throws {
        try await TestServer.run { _, client in
            let home = try await client.get("/")
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == "/login?next=/")
            let login = try await client.get("/login")
            #expect(login.text.contains("<html lang=\"vi\">"))
            #expect(login.text.contains("Đăng nhập Covizone"))
            #expect(login.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            let css = try await client.get("/static/covizone.css")
            #expect(css.status == .ok)
        }
    }

    @Test("signing in opens the dashboard of the role, in the chosen language")
    func dashboard() async throws {
        try await TestServer.run { server, client in
            let session = try await signIn(client, username: "admin", password: server.adminPassword)
            let cookie: HTTPFields = [.cookie: "covizone_session=\(session)"]
            let home = try await client.get("/", headers: cookie)
            #expect(home.status == .ok)
            #expect(home.text.contains("Bảng điều khiển"))
            #expect(home.text.contains("id=\"system-audit\""), "ministry admins see the audit log")
            #expect(home.text.contains("href=\"/health\""), "the last of the ten systems opens from the dashboard too")
            #expect(home.text.contains("id=\"system-datasharing\""), "every system is built and listed")

            let switchToEnglish = try await client.get("/language/en?next=/")
            #expect(switchToEnglish.status == .seeOther)
            #expect(switchToEnglish.setCookies["covizone_lang"] == "en")
            let english = try await client.get("/", headers: [.cookie: "covizone_session=\(session); covizone_lang=en"])
            #expect(english.text.contains("<html lang=\"en\">"))
            #expect(english.text.contains("Dashboard"))
            #expect(english.text.contains("Data sharing with the health system"))
        }
    }

    @Test("each role sees its own systems and no audit log unless it is the ministry")
    func roleDashboards() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("venue1", role: .venueOwner, province: "01")
            let session = try await signIn(client, username: "venue1", password: "correct horse battery")
            let home = try await client.get("/", headers: [.cookie: "covizone_session=\(session)"])
            #expect(home.text.contains("id=\"system-checkin\""))
            #expect(!home.text.contains("id=\"system-audit\""))
            #expect(!home.text.contains("id=\"system-campaigns\""))
            let audit = try await client.get("/admin/audit", headers: [.cookie: "covizone_session=\(session)"])
            #expect(audit.status == .forbidden)
            #expect(audit.text.contains("không có quyền"), "a readable error page, not a problem document")
        }
    }

    @Test("a login form without the matching anti-forgery value is refused")
    func loginCSRF() async throws {
        try await TestServer.run { server, client in
            let csrf = try await loginForm(client)
            let noCookie = try await postForm(client, "/login", ["_csrf": csrf, "username": "admin", "password": server.adminPassword], cookies: [:])
            #expect(noCookie.status == .forbidden)
            #expect(noCookie.setCookies["covizone_session"] == nil)
            let mismatch = try await postForm(
                client, "/login", ["_csrf": "forged", "username": "admin", "password": server.adminPassword],
                cookies: ["covizone_login_csrf": csrf]
            )
            #expect(mismatch.status == .forbidden)
        }
    }

    @Test("raw browser-style and broken form bodies are answered, never a crash")
    func formBodies() async throws {
        try await TestServer.run { _, client in
            let csrf = try await loginForm(client)
            let raw = try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "covizone_login_csrf=\(csrf)"],
                body: ByteBuffer(string: "_csrf=\(csrf)&username=a b \"#é&password=x y")
            )
            #expect(raw.status == .unauthorized, "parsed and refused like any wrong password")
            #expect(raw.text.contains("value=\"a b &quot;#é\""), "the name is kept, HTML-escaped")
            let broken = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=%zz")
            )
            #expect(broken.status == .badRequest)
            #expect(broken.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }

    @Test("a wrong password re-renders the form with a readable error")
    func wrongPassword() async throws {
        try await TestServer.run { _, client in
            let csrf = try await loginForm(client)
            let response = try await postForm(
                client, "/login", ["_csrf": csrf, "username": "admin", "password": "wrong"], cookies: ["covizone_login_csrf": csrf]
            )
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Sai tên đăng nhập hoặc mật khẩu."))
            #expect(response.text.contains("value=\"admin\""), "the username is kept")
        }
    }

    @Test("signing out needs the session's anti-forgery token and ends the session", arguments: TestEngine.available)
    func logout(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let session = try await signIn(client, username: "admin", password: server.adminPassword)
            let home = try await client.get("/", headers: [.cookie: "covizone_session=\(session)"])
            let token = try #require(home.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
            let forged = try await postForm(client, "/logout", ["_csrf": "forged"], cookies: ["covizone_session": session])
            #expect(forged.status == .forbidden)
            #expect(try await client.get("/", headers: [.cookie: "covizone_session=\(session)"]).status == .ok, "still signed in")
            let real = try await postForm(client, "/logout", ["_csrf": String(token)], cookies: ["covizone_session": session])
            #expect(real.status == .seeOther)
            #expect(try await client.get("/", headers: [.cookie: "covizone_session=\(session)"]).status == .seeOther, "signed out")
        }
    }

    @Test("the audit page lists entries for ministry administrators")
    func auditPage() async throws {
        try await TestServer.run { server, client in
            let token = try await client.token(username: "admin", password: server.adminPassword)
            _ = try await client.get("/api/v1/users", token: token)
            let session = try await signIn(client, username: "admin", password: server.adminPassword)
            let page = try await client.get("/admin/audit", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.status == .ok)
            #expect(page.text.contains("<code>users.list</code>"))
        }
    }

    @Test("redirects after sign-in stay on this site")
    func safeRedirects() async throws {
        try await TestServer.run { _, client in
            for next in ["//evil.example/", "/%09/evil.example", "/%5C/evil.example", "https://evil.example/", "/\\evil"] {
                let offsite = try await client.get("/language/en?next=\(next)")
                #expect(offsite.headers[.location] == "/", "next=\(next)")
            }
            let onsite = try await client.get("/language/en?next=/admin/audit")
            #expect(onsite.headers[.location] == "/admin/audit")
            let unknownPage = try await client.get("/no-such-page")
            #expect(unknownPage.status == .notFound)
            #expect(unknownPage.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }
}
