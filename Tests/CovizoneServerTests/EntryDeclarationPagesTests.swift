import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Entry declaration pages")
struct EntryDeclarationPagesTests {
    let web = WebPagesTests()

    /// The form as a traveller fills it (repeated names for check boxes and multiple selections).
    static let filled: [(String, String)] = [
        ("port_of_entry", "han"), ("transport", "air"), ("transport_number", "VN55"), ("seat", "12A"), ("departure_country", "KR"),
        ("departure_date", "2027-01-14"), ("arrival_date", "2027-01-15"), ("countries_visited", "KR"), ("countries_visited", "JP"),
        ("full_name", "NGUYEN VAN AN"), ("birth_date", "1990-05-17"), ("sex", "male"), ("nationality", "VN"), ("document_number", "C1234567"),
        ("stay_place.province", "01"), ("stay_place.ward", "00070"), ("stay_street", "12 Hàng Bạc"), ("phone", "0912 345 678"), ("email", ""),
        ("symptoms", "cough"), ("contact_case", "false"), ("contact_affected_country", "false"), ("live_animal_market", "false"),
        ("vaccination", "none"), ("vaccine_name", "should be dropped"),
    ]

    func post(_ client: some TestClientProtocol, _ pairs: [(String, String)], language: String = "vi") async throws -> TestResponse {
        let body = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await client.execute(
            uri: "/declarations/entry", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "covizone_lang=\(language)"], body: ByteBuffer(string: body)
        )
    }

    @Test("the form is built from the questionnaire, in Vietnamese or English")
    func form() async throws {
        try await TestServer.run { _, client in
            let vi = try await client.get("/declarations/entry").text
            #expect(vi.contains("Cửa khẩu nhập cảnh") && vi.contains("Sân bay Nội Bài (Hà Nội)") && vi.contains("Hàn Quốc"))
            #expect(vi.contains(#"data-show-if="#), "conditional questions carry their condition")
            let en = try await client.get("/declarations/entry", headers: [.cookie: "covizone_lang=en"]).text
            #expect(en.contains("Port of entry") && en.contains("South Korea") && en.contains("Send the declaration"))
        }
    }

    @Test("a filled form gives a receipt with the code and its QR; an officer reads it in words, audited", arguments: TestEngine.available)
    func submitAndRead(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let sent = try await post(client, Self.filled)
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers[.location])
            #expect(location.hasPrefix("/declarations/entry/receipt/"))
            let code = String(location.dropFirst("/declarations/entry/receipt/".count))
            let receipt = try await client.get(location).text
            #expect(receipt.contains("\(code.prefix(4))-\(code.suffix(4))") && receipt.contains("<svg"))
            #expect(try await client.get("/declarations/entry/receipt/ZZZZ9999").status == .notFound)

            #expect(try await client.get("/declarations/entry/\(code)").status == .seeOther, "officers only: to the login page")
            try await server.addAccount("border-page", role: .borderOfficer, province: nil)
            let officer = try await web.signIn(client, username: "border-page", password: "correct horse battery")
            let cookie: HTTPFields = [.cookie: "covizone_session=\(officer)"]
            let lookUp = try await client.get("/declarations/lookup?code=\(code.prefix(4).lowercased())-\(code.suffix(4))", headers: cookie)
            #expect(lookUp.status == .seeOther && lookUp.headers[.location] == "/declarations/entry/\(code)")
            let page = try await client.get("/declarations/entry/\(code)", headers: cookie).text
            #expect(page.contains("Hàn Quốc, Nhật Bản") && page.contains("Phường Hoàn Kiếm") && page.contains("+84912345678"))
            #expect(page.contains("Cao") && page.contains("Có sốt hoặc triệu chứng hô hấp khi nhập cảnh"), "a cough on arrival is high risk")
            #expect(!page.contains("should be dropped"), "no vaccine name is kept for an unvaccinated traveller")
            #expect(try await client.get("/declarations/lookup?code=0000-0000", headers: cookie).status == .seeOther)
            #expect(try await client.get("/declarations/entry/00000000", headers: cookie).status == .notFound)
            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            #expect(audit.contains { $0["action"] as? String == "declarations.entry.read" && $0["actor"] as? String == "border-page" })
        }
    }

    @Test("a form with mistakes comes back with each error next to its field and everything typed kept")
    func mistakes() async throws {
        try await TestServer.run { _, client in
            let wrong = Self.filled.map { $0.0 == "phone" ? ("phone", "12345") : $0.0 == "birth_date" ? ("birth_date", "2030-01-01") : $0 }
                .filter { $0.0 != "sex" }
            let page = try await post(client, wrong, language: "en")
            #expect(page.status == .unprocessableContent)
            let html = page.text
            #expect(html.contains(#"id="form-errors""#))
            #expect(html.contains(#"id="error-phone" role="alert">This is not a Vietnamese phone number."#))
            #expect(html.contains(#"id="error-birth_date""#) && html.contains(#"id="error-sex""#))
            #expect(html.contains(#"value="12345""#) && html.contains(#"value="NGUYEN VAN AN""#), "typed values are kept")
            #expect(html.contains(#"<option value="JP" selected>"#) && html.contains(#"value="cough" checked"#), "choices are kept")
            #expect(html.contains(#"<option value="00070" selected>"#), "the ward is kept")
        }
    }
}
