@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

@Suite("Entry declarations")
struct EntryDeclarationsAPITests {
    /// A healthy traveller arriving in Hà Nội on the test clock's day (2027-01-15).
    static var traveller: [String: Any] {
        [
        "port_of_entry": "han", "transport": "air", "transport_number": "VN55", "seat": "12A", "departure_country": "KR",
        "departure_date": "2027-01-14", "arrival_date": "2027-01-15", "countries_visited": ["KR"], "full_name": "NGUYEN VAN AN",
        "birth_date": "1990-05-17", "sex": "male", "nationality": "VN", "document_number": "C1234567",
        "stay_place": ["province": "01", "ward": "00070"], "stay_street": "12 Hàng Bạc", "phone": "0912 345 678", "symptoms": [String](),
        "contact_case": false, "contact_affected_country": false, "live_animal_market": false, "vaccination": "full",
        ]
    }

    static func answers(_ changes: [String: Any]) -> [String: Any] {
        ["answers": traveller.merging(changes) { $1 }]
    }

    @Test("the questionnaires are public: the newest of each, or one version")
    func questionnaires() async throws {
        try await TestServer.run { _, client in
            let listed = try #require(try await client.get("/api/v1/questionnaires").json()["questionnaires"] as? [[String: Any]])
            #expect(listed.compactMap { $0["id"] as? String } == ["entry", "voluntary"])
            let entry = try await client.get("/api/v1/questionnaires/entry?version=1").json()
            #expect(entry["version"] as? Int == 1 && entry["worklistPlace"] as? String == "stay_place")
            #expect(try await client.get("/api/v1/questionnaires/entry?version=9").status == .notFound)
            #expect(try await client.get("/api/v1/questionnaires/entry?version=one").status == .unprocessableContent)
            #expect(try await client.get("/api/v1/questionnaires/exit").status == .notFound)
        }
    }

    @Test("a traveller declares and gets a code, a QR URL and the risk; symptoms raise it, with reasons", arguments: TestEngine.available)
    func declare(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { _, client in
            let healthy = try await client.postJSON("/api/v1/declarations/entry", Self.answers([:]))
            #expect(healthy.status == .created)
            let receipt = try healthy.json()
            let code = try #require(receipt["code"] as? String)
            #expect(code.count == 8 && receipt["displayCode"] as? String == "\(code.prefix(4))-\(code.suffix(4))")
            #expect(receipt["qr"] as? String == "https://localhost:8080/declarations/entry/\(code)")
            #expect((receipt["risk"] as? [String: Any])?["level"] as? String == "low")
            #expect((receipt["amendToken"] as? String)?.isEmpty == false)

            let feverish = try await client.postJSON(
                "/api/v1/declarations/entry", Self.answers(["symptoms": ["fever", "cough"]]), headers: [.acceptLanguage: "en-GB,en;q=0.8"]
            ).json()
            let risk = try #require(feverish["risk"] as? [String: Any])
            #expect(risk["level"] as? String == "high")
            let reasons = try #require(risk["reasons"] as? [[String: Any]])
            #expect(reasons.compactMap { $0["rule"] as? String } == ["respiratory-symptoms"])
            #expect((reasons.first?["text"] as? [String: String])?["en"] == "Fever or respiratory symptoms on arrival")
        }
    }

    @Test("bad answers are 422 with every field, in the caller's language; nothing is stored")
    func validation() async throws {
        try await TestServer.run { server, client in
            let bad = Self.answers(["phone": "12345", "birth_date": "2030-01-01", "sex": nil as String?, "shoe_size": "42"].compactMapValues { $0 })
            var body = bad
            var answers = try #require(body["answers"] as? [String: Any])
            answers["sex"] = nil
            body["answers"] = answers
            let vi = try await client.postJSON("/api/v1/declarations/entry", body)
            #expect(vi.status == .unprocessableContent)
            #expect(try vi.json()["code"] as? String == "invalid_answers")
            let errors = try #require(try vi.json()["errors"] as? [[String: String]])
            #expect(Set(errors.compactMap { $0["field"] }) == ["answers.phone", "answers.birth_date", "answers.sex", "answers.shoe_size"])
            #expect(errors.first { $0["field"] == "answers.phone" }?["message"] == "Số điện thoại Việt Nam không hợp lệ.")
            let en = try await client.postJSON("/api/v1/declarations/entry", body, headers: [.acceptLanguage: "en"])
            #expect((try en.json()["errors"] as? [[String: String]])?.first { $0["field"] == "answers.phone" }?["message"] == "This is not a Vietnamese phone number.")
            let notAnObject = try await client.postJSON("/api/v1/declarations/entry", ["answers": "all good"])
            #expect(notAnObject.status == .unprocessableContent)
            #expect((try notAnObject.json()["errors"] as? [[String: String]])?.first?["field"] == "answers")
            let number = try await client.postJSON("/api/v1/declarations/entry", ["answers": ["phone": 3]])
            #expect((try number.json()["errors"] as? [[String: String]])?.first?["field"] == "answers.phone")
            let stored = try await server.withDatabase { database in
                try await database.withConnection { try await $0.select().column("id").from("declarations").all().count }
            }
            #expect(stored == 0)
        }
    }

    @Test("border officers anywhere and health authorities of the stay province read a declaration; each read is audited", arguments: TestEngine.available)
    func lookUp(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let code = try #require(try await client.postJSON("/api/v1/declarations/entry", Self.answers([:])).json()["code"] as? String)
            try await server.addAccount("border-hcm", role: .borderOfficer, province: "79")
            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            try await server.addAccount("doh-hcm", role: .healthAuthority, province: "79")
            try await server.addAccount("owner", role: .venueOwner, province: "01")
            func read(_ user: String?, _ path: String = code) async throws -> TestResponse {
                let token = try await user.asyncMap { try await client.token(username: $0, password: "correct horse battery") }
                return try await client.get("/api/v1/declarations/entry/\(path)", token: token)
            }
            #expect(try await read(nil).status == .unauthorized)
            #expect(try await read("owner").status == .forbidden)
            #expect(try await read("doh-hcm").status == .notFound, "another province's health authority")
            let detail = try await read("border-hcm", "\(code.prefix(4).lowercased())-\(code.suffix(4))").json()
            #expect((detail["answers"] as? [String: Any])?["phone"] as? String == "+84912345678")
            #expect(detail["provinceCode"] as? String == "01" && detail["revision"] as? Int == 1)
            #expect(try await read("doh-hn").status == .ok)
            #expect(try await read("doh-hn", "not-a-code").status == .notFound)
            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            let reads = audit.filter { $0["action"] as? String == "declarations.entry.read" }.compactMap { $0["actor"] as? String }
            #expect(reads.sorted() == ["border-hcm", "doh-hn"])
        }
    }

    @Test("an amendment needs the secret, makes a new revision and keeps the history", arguments: TestEngine.available)
    func amend(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let receipt = try await client.postJSON("/api/v1/declarations/entry", Self.answers([:])).json()
            let code = try #require(receipt["code"] as? String)
            let token = try #require(receipt["amendToken"] as? String)
            let path = "/api/v1/declarations/entry/\(code)/amendments"
            var changed = Self.answers(["contact_case": true])
            changed["amendToken"] = "guess"
            #expect(try await client.postJSON(path, changed).status == .notFound)
            changed["amendToken"] = token
            let amended = try await client.postJSON(path, changed)
            #expect(amended.status == .ok)
            #expect(try amended.json()["revision"] as? Int == 2 && amended.json()["amendToken"] == nil)
            #expect(((try amended.json()["risk"]) as? [String: Any])?["level"] as? String == "high")
            var invalid = Self.answers(["phone": "x"])
            invalid["amendToken"] = token
            #expect(try await client.postJSON(path, invalid).status == .unprocessableContent)

            try await server.addAccount("border", role: .borderOfficer, province: nil)
            let officer = try await client.token(username: "border", password: "correct horse battery")
            let detail = try await client.get("/api/v1/declarations/entry/\(code)", token: officer).json()
            #expect(detail["revision"] as? Int == 2)
            let revisions = try #require(detail["revisions"] as? [[String: Any]])
            #expect(revisions.compactMap { $0["revision"] as? Int } == [1, 2] && revisions.compactMap { $0["riskLevel"] as? String } == ["low", "high"])
        }
    }

    @Test("entry declarations are purged after 60 days, by default", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let code = try #require(try await client.postJSON("/api/v1/declarations/entry", Self.answers([:])).json()["code"] as? String)
            try await server.addAccount("border", role: .borderOfficer, province: nil)
            func read() async throws -> HTTPResponse.Status {
                let officer = try await client.token(username: "border", password: "correct horse battery")
                return try await client.get("/api/v1/declarations/entry/\(code)", token: officer).status
            }
            server.clock.advance(by: 59 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            #expect(try await read() == .ok)
            server.clock.advance(by: 2 * 86_400)
            try await server.withDatabase { try await server.retention($0).purgeOnce() }
            #expect(try await read() == .notFound)
        }
    }

    @Test("a retention step that fails is named, and the steps after it still purge", arguments: TestEngine.available)
    func retentionStepFails(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let code = try #require(try await client.postJSON("/api/v1/declarations/entry", Self.answers([:])).json()["code"] as? String)
            try await server.addAccount("border", role: .borderOfficer, province: nil)
            server.clock.advance(by: 61 * 86_400)
            let officer = try await client.token(username: "border", password: "correct horse battery")
            let failure = try await server.withDatabase { database in
                try await database.withConnection { try await $0.raw("DROP TABLE attempts").run() }
                return await #expect(throws: RetentionFailure.self) { try await server.retention(database).purgeOnce() }
            }
            #expect(failure?.steps == ["attempts"])
            #expect(try await client.get("/api/v1/declarations/entry/\(code)", token: officer).status == .notFound, "purged all the same")
        }
    }
}

extension Optional {
    /// `map` with an async transform.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
