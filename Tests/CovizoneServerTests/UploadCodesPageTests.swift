import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Upload codes page")
struct UploadCodesPageTests {
    let web = WebPagesTests()

    @Test("a health authority issues a code from the page and sees it once, then in the list", arguments: TestEngine.available)
    func issueFromPage(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("doh-page", role: .healthAuthority, province: "79")
            let session = try await web.signIn(client, username: "doh-page", password: "correct horse battery")
            let page = try await client.get("/exposure/codes", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.status == .ok)
            #expect(page.text.contains("Mã xác nhận tải khoá chẩn đoán"))
            #expect(page.text.contains("Chưa cấp mã nào."))
            let token = String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))

            let forged = try await web.postForm(client, "/exposure/codes", ["_csrf": "forged", "testType": "confirmed"], cookies: ["covizone_session": session])
            #expect(forged.status == .forbidden)

            let issued = try await web.postForm(
                client, "/exposure/codes", ["_csrf": token, "testType": "confirmed", "symptomDate": "2027-01-13", "testDate": ""],
                cookies: ["covizone_session": session]
            )
            #expect(issued.status == .ok)
            let code = try #require(issued.text.firstMatch(of: /id="short-code">([0-9]{8})</)?.1)
            #expect(code.count == 8)
            #expect(issued.text.contains("Đã cấp"), "the list shows the new code's state")
            #expect(issued.text.contains("2027-01-13"))

            let again = try await client.get("/exposure/codes", headers: [.cookie: "covizone_session=\(session)"])
            #expect(!again.text.contains(String(code)), "the code is shown only once")

            let badDate = try await web.postForm(
                client, "/exposure/codes", ["_csrf": token, "testType": "likely", "testDate": "2027-02-30"], cookies: ["covizone_session": session]
            )
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.text.contains("Ngày không hợp lệ"))
            let badType = try await web.postForm(client, "/exposure/codes", ["_csrf": token, "testType": "maybe"], cookies: ["covizone_session": session])
            #expect(badType.status == .unprocessableContent)
        }
    }

    @Test("other roles are refused; ministry administrators read without the form")
    func roles() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("venue-page", role: .venueOwner, province: "01")
            let venue = try await web.signIn(client, username: "venue-page", password: "correct horse battery")
            #expect(try await client.get("/exposure/codes", headers: [.cookie: "covizone_session=\(venue)"]).status == .forbidden)
            let admin = try await web.signIn(client, username: "admin", password: server.adminPassword)
            let page = try await client.get("/exposure/codes", headers: [.cookie: "covizone_session=\(admin)"])
            #expect(page.status == .ok)
            #expect(!page.text.contains("id=\"issue-code\""))
            #expect(try await client.get("/", headers: [.cookie: "covizone_session=\(admin)"]).text.contains("href=\"/exposure/codes\""))
        }
    }
}
