@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Venue CSV import")
struct VenueImportTests {
    static let csv = """
        name,type,provinceCode,wardCode,address,latitude,longitude,contactPhone
        Trường THCS Ngô Sĩ Liên,school,01,00070,"1 Hàng Bông, Hoàn Kiếm",,,024 3826 0001
        Chợ Hàng Da,market,01,70,Hàng Da,21.03,105.84,0912345678
        Nhà hàng Hồ Gươm,restaurant,01,00070,2 Lê Thái Tổ,north,,0912345679
        Siêu thị Sài Gòn,supermarket,79,26506,Vũng Tàu,,,0912345680
        ,cinema,01,00070,,,,12
        Chợ Hàng Da,market,01,00070,Hàng Da,,,0912345678
        """

    func upload(_ client: some TestClientProtocol, _ text: String, token: String, query: String = "", contentType: String = "text/csv") async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/venues/import\(query)", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: contentType],
            body: ByteBuffer(string: text)
        )
    }

    @Test("good rows are registered and approved, bad rows are reported by line and column, a re-upload skips what is in", arguments: TestEngine.available)
    func importRows(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("officer-import", role: .provinceOfficer, province: "01")
            let officer = try await client.token(username: "officer-import", password: "correct horse battery")

            let dryRun = try await upload(client, Self.csv, token: officer, query: "?dryRun=true")
            #expect(dryRun.status == .ok, "\(dryRun.text)")
            #expect(try dryRun.json()["imported"] as? Int == 2 && dryRun.json()["dryRun"] as? Bool == true)
            let listed = try await client.get("/api/v1/venues", token: officer).json()["items"] as? [Any]
            #expect(listed?.isEmpty == true, "a dry run stores nothing")

            let report = try await upload(client, Self.csv, token: officer).json()
            #expect(report["imported"] as? Int == 2 && report["rejected"] as? Int == 4)
            #expect((report["venueIds"] as? [Int])?.count == 2)
            let errors = try #require(report["errors"] as? [[String: Any]])
            func fields(line: Int) -> Set<String> { Set(errors.filter { $0["line"] as? Int == line }.compactMap { $0["field"] as? String }) }
            #expect(fields(line: 4) == ["latitude"])
            #expect(fields(line: 5) == ["provinceCode"], "another province")
            #expect(fields(line: 6).isSuperset(of: ["name", "type", "address", "contactPhone"]))
            #expect(errors.contains { $0["line"] as? Int == 7 && ($0["message"] as? String)?.contains("already registered") == true }, "a duplicate in the file")

            let venues = try #require(try await client.get("/api/v1/venues", token: officer).json()["items"] as? [[String: Any]])
            #expect(venues.count == 2 && venues.allSatisfy { $0["status"] as? String == "approved" })
            #expect(venues.contains { $0["address"] as? String == "1 Hàng Bông, Hoàn Kiếm" && $0["contactPhone"] as? String == "+842438260001" })

            let again = try await upload(client, Self.csv, token: officer).json()
            #expect(again["imported"] as? Int == 0, "the rows already imported are skipped")

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            #expect(audit.filter { $0["action"] as? String == "venues.import" }.count == 3)
        }
    }

    @Test("files that cannot be imported at all are refused with the reason")
    func refusals() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("officer-import", role: .provinceOfficer, province: "01")
            try await server.addAccount("owner-import", role: .venueOwner, province: "01")
            let officer = try await client.token(username: "officer-import", password: "correct horse battery")
            let missing = try await upload(client, "name,type,colour\nA,office,red", token: officer)
            #expect(missing.status == .unprocessableContent)
            #expect(try missing.json()["code"] as? String == "invalid_header")
            let fieldNames = Set((try missing.json()["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] })
            #expect(fieldNames.isSuperset(of: ["colour", "provinceCode", "contactPhone"]))
            let open = try await upload(client, "name,type,provinceCode,wardCode,address,contactPhone\n\"A,office,01,00070,x,0912345678\n", token: officer)
            #expect(try open.json()["code"] as? String == "invalid_csv")
            #expect(try await upload(client, "", token: officer).status == .unprocessableContent)
            #expect(try await upload(client, "{}", token: officer, contentType: "application/json").status == .unsupportedMediaType)
            let owner = try await client.token(username: "owner-import", password: "correct horse battery")
            #expect(try await upload(client, Self.csv, token: owner).status == .forbidden, "only province officers import")
        }
    }

    @Test("the venues page imports a pasted file and lists the bad rows; a dry run keeps the text")
    func page() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("officer-import", role: .provinceOfficer, province: "01")
            let web = WebPagesTests()
            let session = try await web.signIn(client, username: "officer-import", password: "correct horse battery")
            let page = try await client.get("/venues", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.text.contains("id=\"import-form\""))
            #expect(page.text.contains("<option value=\"00070\">"), "the ward picker lists the province's wards")
            let csrf = try VenuesPageTests().csrf(in: page)
            let checked = try await web.postForm(client, "/venues/import", ["_csrf": csrf, "csv": Self.csv, "dryRun": "on"], cookies: ["covizone_session": session])
            #expect(checked.status == .ok)
            #expect(checked.text.contains("Kết quả: 2 dòng hợp lệ, 4 dòng lỗi."))
            #expect(checked.text.contains("Trường THCS Ngô Sĩ Liên"), "the text stays for fixing")
            let imported = try await web.postForm(client, "/venues/import", ["_csrf": csrf, "csv": Self.csv], cookies: ["covizone_session": session])
            #expect(imported.text.contains("<td>latitude</td><td>must be a number</td>"))
            #expect(imported.text.contains("Chợ Hàng Da</a>"), "the imported venues are listed")
            let broken = try await web.postForm(client, "/venues/import", ["_csrf": csrf, "csv": "nothing,useful"], cookies: ["covizone_session": session])
            #expect(broken.status == .unprocessableContent && broken.text.contains("column is missing"))
        }
    }
}
