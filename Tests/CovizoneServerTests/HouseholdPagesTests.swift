@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Household pages")
struct HouseholdPagesTests {
    let web = WebPagesTests()

    func post(
        _ client: some TestClientProtocol, _ uri: String, _ pairs: [(String, String)], household: String? = nil, csrf: String? = nil
    ) async throws -> TestResponse {
        let fields = pairs + (csrf.map { [("_csrf", $0)] } ?? [])
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        let cookies = (household.map { ["covizone_household=\($0)"] } ?? []) + (csrf.map { ["covizone_household_csrf=\($0)"] } ?? [])
        if !cookies.isEmpty { headers[.cookie] = cookies.joined(separator: "; ") }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// The anti-forgery value the sign-in page puts in its forms and its cookie.
    func signInCSRF(_ client: some TestClientProtocol) async throws -> String {
        let page = try await client.get("/households")
        let value = try #require(page.setCookies["covizone_household_csrf"])
        #expect(page.text.contains("name=\"_csrf\" value=\"\(value)\""))
        return value
    }

    @Test("the sign-in forms refuse a post without the page's anti-forgery value: no other site signs a visitor into its household or has codes texted")
    func forgedSignIn() async throws {
        try await TestServer.run { server, client in
            let csrf = try await signInCSRF(client)
            for (uri, fields) in [("/households/verification", [("phone", "0912345678")]), ("/households/signin", [("phone", "+84912345678"), ("code", "123456")])] {
                let noToken = try await post(client, uri, fields)
                #expect(noToken.status == .forbidden && noToken.text.contains("Biểu mẫu đã hết hạn"), "\(uri)")
                #expect(noToken.setCookies["covizone_household"] == nil)
                let body = (fields + [("_csrf", csrf)]).map { "\($0.0)=\($0.1)" }.joined(separator: "&")
                let noCookie = try await client.execute(
                    uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)
                )
                #expect(noCookie.status == .forbidden, "the value without its cookie, as a foreign page would post it: \(uri)")
            }
            let queued = try await server.withDatabase { try await TextMessageRepository(database: $0).messages(to: "+84912345678", limit: 10) }
            #expect(queued.isEmpty, "no code was texted")
        }
    }

    @Test("a household signs in with a texted code, adds a member, gives its address and declares on the web", arguments: TestEngine.available)
    func household(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            #expect(try await client.get("/households").text.contains(#"id="phone-form""#))
            let csrf = try await signInCSRF(client)
            #expect(try await post(client, "/households/verification", [("phone", "12")], csrf: csrf).status == .unprocessableContent)
            let sent = try await post(client, "/households/verification", [("phone", "0912 345 678")], csrf: csrf)
            #expect(sent.text.contains(#"id="code-form""#) && sent.text.contains("+84912345678"))
            let code = try await HouseholdsAPITests().code(sentTo: "+84912345678", server)
            let wrong = try await post(client, "/households/signin", [("phone", "+84912345678"), ("code", code == "111111" ? "222222" : "111111")], csrf: csrf)
            #expect(wrong.status == .unauthorized && wrong.text.contains(#"id="household-error""#) && wrong.text.contains(#"id="code-form""#))
            let signedIn = try await post(client, "/households/signin", [("phone", "+84912345678"), ("code", code)], csrf: csrf)
            #expect(signedIn.status == .seeOther)
            let cookie = try #require(signedIn.setCookies["covizone_household"])
            #expect(signedIn.headers[values: .setCookie].first?.contains("SameSite=Strict") == true)

            #expect(try await post(client, "/households/members", [("fullName", "Lê Thị Hoa"), ("birthYear", "1950"), ("sex", "female"), ("relation", "parent")]).status == .seeOther, "without a household: to sign-in")
            let badMember = try await post(client, "/households/members", [("fullName", "Lê Thị Hoa"), ("birthYear", "1850"), ("sex", "female"), ("relation", "parent")], household: cookie)
            #expect(badMember.status == .unprocessableContent && badMember.text.contains("Năm sinh không hợp lệ."), "the problem in the page's language")
            #expect(try await post(client, "/households/members", [("fullName", "Lê Thị Hoa"), ("birthYear", "1950"), ("sex", "female"), ("relation", "parent")], household: cookie).status == .seeOther)
            let home = try await client.get("/households", headers: [.cookie: "covizone_household=\(cookie)"]).text
            #expect(home.contains("Lê Thị Hoa") && home.contains("Chưa khai"))
            let id = String(try #require(home.firstMatch(of: /\/households\/members\/(\d+)\/declare/)?.1))

            let healthy: [(String, String)] = [
                ("travelled", "false"), ("contact_case", "false"), ("contact_symptomatic", "false"), ("contact_affected_area", "false"),
            ]
            let early = try await post(client, "/households/members/\(id)/declare", healthy, household: cookie)
            #expect(early.status == .conflict && early.text.contains(#"id="household-error""#), "the address comes first")
            #expect(try await post(client, "/households/address", [("provinceCode", "01"), ("wardCode", "00070"), ("street", "12 Hàng Bạc"), ("reminderHour", "20")], household: cookie).status == .seeOther)

            let form = try await client.get("/households/members/\(id)/declare", headers: [.cookie: "covizone_household=\(cookie)"]).text
            #expect(form.contains("Lê Thị Hoa") && form.contains("Trong 14 ngày qua có đi đến tỉnh/thành phố hoặc quốc gia khác?"))
            let missing = try await post(client, "/households/members/\(id)/declare", [("travelled", "true")] + healthy.dropFirst(), household: cookie)
            #expect(missing.status == .unprocessableContent && missing.text.contains(#"id="error-travel_places""#))
            let declared = try await post(client, "/households/members/\(id)/declare", healthy, household: cookie)
            #expect(declared.status == .seeOther && declared.headers[.location] == "/households?sent=\(id)")
            let after = try await client.get("/households?sent=\(id)", headers: [.cookie: "covizone_household=\(cookie)"]).text
            #expect(after.contains(#"id="declaration-sent""#) && !after.contains("Chưa khai"))
            #expect(try await client.get("/households/members/\(id)/declare").status == .seeOther, "no cookie, no member")
        }
    }
}
