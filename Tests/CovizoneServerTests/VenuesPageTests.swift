import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Venues page")
struct VenuesPageTests {
    let web = WebPagesTests()

    func csrf(in page: TestResponse) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1))
    }

    @Test("an owner registers a venue with the form, an officer approves it, the owner gets the poster link", arguments: TestEngine.available)
    func registerAndApprove(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("owner-page", role: .venueOwner, province: "01")
            try await server.addAccount("officer-page", role: .provinceOfficer, province: "01")
            let owner = try await web.signIn(client, username: "owner-page", password: "correct horse battery")
            let page = try await client.get("/venues", headers: [.cookie: "covizone_session=\(owner)"])
            #expect(page.status == .ok)
            #expect(page.text.contains("Đăng ký địa điểm") && page.text.contains("value=\"01\""), "the form starts with the owner's province")
            let token = try csrf(in: page)
            var fields = ["_csrf": token, "name": "Chợ Đồng Xuân", "type": "market", "provinceCode": "01", "wardCode": "70", "address": "Đồng Xuân", "contactPhone": "12345"]

            #expect(try await web.postForm(client, "/venues", fields.filter { $0.key != "_csrf" }, cookies: ["covizone_session": owner]).status == .forbidden)
            let invalid = try await web.postForm(client, "/venues", fields, cookies: ["covizone_session": owner])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("Số điện thoại liên hệ: must be a Vietnamese phone number"), "a readable error next to the form")
            #expect(invalid.text.contains("value=\"Chợ Đồng Xuân\""), "what was typed is kept")

            fields["contactPhone"] = "0243 826 0000"
            let created = try await web.postForm(client, "/venues", fields, cookies: ["covizone_session": owner])
            #expect(created.status == .seeOther)
            #expect(try await client.get("/venues", headers: [.cookie: "covizone_session=\(owner)"]).text.contains("Chờ duyệt"))

            let officer = try await web.signIn(client, username: "officer-page", password: "correct horse battery")
            let list = try await client.get("/venues", headers: [.cookie: "covizone_session=\(officer)"])
            let action = String(try #require(list.text.firstMatch(of: /action="(\/venues\/[0-9]+\/approve)"/)?.1))
            let approved = try await web.postForm(client, action, ["_csrf": try csrf(in: list)], cookies: ["covizone_session": officer])
            #expect(approved.status == .seeOther)
            let after = try await client.get("/venues", headers: [.cookie: "covizone_session=\(owner)"])
            #expect(after.text.contains("Đã duyệt") && after.text.contains("/poster\">Áp phích"))
        }
    }
}
