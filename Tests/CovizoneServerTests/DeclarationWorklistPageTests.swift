import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Declaration worklist page")
struct DeclarationWorklistPageTests {
    let web = WebPagesTests()

    @Test("a health authority filters the worklist, downloads it, and records a follow-up on the declaration page", arguments: TestEngine.available)
    func worklistPage(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let worklist = DeclarationWorklistAPITests()
            let feverish = try await worklist.declare(client, ["symptoms": ["fever"]])
            let elsewhere = try await worklist.declare(client, province: "79", ward: "26506", ["contact_case": true])
            try await server.addAccount("doh-page", role: .healthAuthority, province: "01")
            let session = try await web.signIn(client, username: "doh-page", password: "correct horse battery")
            let cookie: HTTPFields = [.cookie: "covizone_session=\(session)"]

            let page = try await client.get("/declarations/worklist?risk=high&status=new", headers: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("/declarations/entry/\(feverish)") && !page.text.contains(elsewhere), "only the province's declarations")
            #expect(page.text.contains("NGUYEN VAN AN") && page.text.contains("Phường Hoàn Kiếm") && page.text.contains(#"id="worklist-statistics""#))
            #expect(!page.text.contains(#"id="province""#), "a province-bound officer has no province filter")
            let csv = try await client.get("/declarations/worklist.csv?risk=high", headers: cookie)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8" && csv.text.contains("+84912345678"))
            let bad = try await client.get("/declarations/worklist?from=someday", headers: cookie)
            #expect(bad.status == .unprocessableContent && bad.text.contains(#"id="worklist-errors""#))
            #expect(bad.text.contains("Ngày bắt đầu phải có dạng NNNN-TT-NN."), "the problem in the page's language")

            let detail = try await client.get("/declarations/entry/\(feverish)", headers: cookie)
            #expect(detail.text.contains(#"<a href="/exposure/codes">"#) && detail.text.contains(#"<a href="/outbreaks">"#), "a confirmed case goes on to codes and outbreaks")
            let csrf = String(try #require(detail.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
            let path = "/declarations/entry/\(feverish)/followups"
            #expect(try await web.postForm(client, path, ["status": "isolated"], cookies: ["covizone_session": session]).status == .forbidden, "CSRF")
            let wrong = try await web.postForm(client, path, ["_csrf": csrf, "status": "forgotten"], cookies: ["covizone_session": session])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("Hãy chọn tình trạng theo dõi."))
            let recorded = try await web.postForm(client, path, ["_csrf": csrf, "status": "isolated", "note": "Cách ly tại nhà"], cookies: ["covizone_session": session])
            #expect(recorded.status == .seeOther)
            let after = try await client.get("/declarations/entry/\(feverish)", headers: cookie).text
            #expect(after.contains("Đã cách ly") && after.contains("Cách ly tại nhà") && after.contains("doh-page"))
            #expect(!(try await client.get("/declarations/worklist?status=new", headers: cookie).text.contains("/declarations/entry/\(feverish)")))
        }
    }

    @Test("border officers look declarations up but have no worklist and record no follow-up")
    func borderOfficer() async throws {
        try await TestServer.run { server, client in
            let code = try await DeclarationWorklistAPITests().declare(client)
            try await server.addAccount("border-page", role: .borderOfficer, province: nil)
            let session = try await web.signIn(client, username: "border-page", password: "correct horse battery")
            let cookie: HTTPFields = [.cookie: "covizone_session=\(session)"]
            #expect(try await client.get("/declarations/worklist", headers: cookie).status == .forbidden)
            let detail = try await client.get("/declarations/entry/\(code)", headers: cookie).text
            #expect(detail.contains("NGUYEN VAN AN") && !detail.contains(#"id="followup-form""#))
        }
    }
}
