import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Declaration worklists and follow-ups")
struct DeclarationWorklistAPITests {
    /// Declares a traveller staying in `province`/`ward`, with `changes`; returns the code.
    func declare(_ client: some TestClientProtocol, province: String = "01", ward: String = "00070", _ changes: [String: Any] = [:]) async throws -> String {
        var answers = EntryDeclarationsAPITests.traveller.merging(changes) { $1 }
        answers["stay_place"] = ["province": province, "ward": ward]
        return try #require(try await client.postJSON("/api/v1/declarations/entry", ["answers": answers]).json()["code"] as? String)
    }

    @Test("high-risk declarations land on the worklist of the stay province; filters, pages and CSV; every read audited", arguments: TestEngine.available)
    func worklist(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let feverish = try await declare(client, ["symptoms": ["fever"]])
            _ = try await declare(client)
            let inSaigon = try await declare(client, province: "79", ward: "26506", ["contact_case": true])
            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            try await server.addAccount("moh", role: .healthAuthority, province: nil)
            let hanoi = try await client.token(username: "doh-hn", password: "correct horse battery")
            let national = try await client.token(username: "moh", password: "correct horse battery")

            let high = try await client.get("/api/v1/declarations/worklist?risk=high", token: hanoi).json()
            let items = try #require(high["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["code"] as? String } == [feverish], "only Hà Nội's high-risk declaration")
            #expect(items.first?["name"] as? String == "NGUYEN VAN AN" && items.first?["phone"] as? String == "+84912345678")
            #expect(items.first?["reasons"] as? [String] == ["respiratory-symptoms"] && items.first?["followUpStatus"] as? String == "new")
            let all = try await client.get("/api/v1/declarations/worklist?risk=high", token: national).json()["items"] as? [[String: Any]]
            #expect(all?.compactMap { $0["code"] as? String } == [inSaigon, feverish])
            #expect(try await client.get("/api/v1/declarations/worklist?province=79", token: hanoi).status == .forbidden)
            let saigon = try await client.get("/api/v1/declarations/worklist?province=79&ward=26506", token: national).json()["items"] as? [[String: Any]]
            #expect(saigon?.count == 1)

            let firstPage = try await client.get("/api/v1/declarations/worklist?limit=1", token: hanoi).json()
            let cursor = try #require(firstPage["nextCursor"] as? String)
            let secondPage = try await client.get("/api/v1/declarations/worklist?limit=1&cursor=\(cursor)", token: hanoi).json()
            #expect((secondPage["items"] as? [[String: Any]])?.first?["code"] as? String == feverish && secondPage["nextCursor"] is NSNull)

            let today = VietnamDay.string(of: server.clock.now)
            #expect((try await client.get("/api/v1/declarations/worklist?from=\(today)&to=\(today)", token: hanoi).json()["items"] as? [[String: Any]])?.count == 2)
            #expect((try await client.get("/api/v1/declarations/worklist?from=2099-01-01", token: hanoi).json()["items"] as? [[String: Any]])?.isEmpty == true)

            let csv = try await client.get("/api/v1/declarations/worklist?risk=high&format=csv", token: hanoi)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("code,kind,riskLevel") && csv.text.contains("NGUYEN VAN AN") && csv.text.contains("+84912345678"))

            let bad = try await client.get("/api/v1/declarations/worklist?risk=severe&status=lost&from=yesterday&kind=exit&province=99", token: national)
            #expect(bad.status == .unprocessableContent)
            let fields = Set((try bad.json()["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] })
            #expect(fields == ["risk", "status", "from", "kind", "province"])
            #expect(try await client.get("/api/v1/declarations/worklist").status == .unauthorized)
            try await server.addAccount("border", role: .borderOfficer, province: nil)
            let border = try await client.token(username: "border", password: "correct horse battery")
            #expect(try await client.get("/api/v1/declarations/worklist", token: border).status == .forbidden)

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            #expect(audit.filter { $0["action"] as? String == "declarations.worklist.read" }.count >= 8)
        }
    }

    @Test("a health authority records follow-ups; the status moves the declaration off the new list", arguments: TestEngine.available)
    func followUps(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let code = try await declare(client, ["symptoms": ["cough"]])
            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            try await server.addAccount("doh-hcm", role: .healthAuthority, province: "79")
            let hanoi = try await client.token(username: "doh-hn", password: "correct horse battery")
            let saigon = try await client.token(username: "doh-hcm", password: "correct horse battery")
            let path = "/api/v1/declarations/entry/\(code)/followups"
            let bearer: (String) -> HTTPFields = { [.authorization: "Bearer \($0)"] }
            #expect(try await client.postJSON(path, ["status": "contacted"], headers: bearer(saigon)).status == .notFound, "another province")
            #expect(try await client.postJSON(path, ["status": "new"], headers: bearer(hanoi)).status == .unprocessableContent)
            #expect(try await client.postJSON(path, ["status": "contacted", "note": String(repeating: "x", count: 1001)], headers: bearer(hanoi)).status == .unprocessableContent)
            let recorded = try await client.postJSON(path, ["status": "contacted", "note": "Đã gọi, hẹn xét nghiệm"], headers: bearer(hanoi))
            #expect(recorded.status == .created)
            #expect(try recorded.json()["officer"] as? String == "doh-hn")
            #expect(try await client.postJSON(path, ["status": "referred-for-testing"], headers: bearer(hanoi)).status == .created)

            let fresh = try await client.get("/api/v1/declarations/worklist?risk=high&status=new", token: hanoi).json()["items"] as? [[String: Any]]
            #expect(fresh?.isEmpty == true)
            let referred = try await client.get("/api/v1/declarations/worklist?status=referred-for-testing", token: hanoi).json()["items"] as? [[String: Any]]
            #expect(referred?.compactMap { $0["code"] as? String } == [code])
            let detail = try await client.get("/api/v1/declarations/entry/\(code)", token: hanoi).json()
            #expect(detail["followUpStatus"] as? String == "referred-for-testing")
            #expect((detail["followUps"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["contacted", "referred-for-testing"])
        }
    }

    @Test("statistics count declarations per province and day by risk, within the officer's province")
    func statistics() async throws {
        try await TestServer.run { server, client in
            _ = try await declare(client, ["symptoms": ["fever"]])
            _ = try await declare(client)
            _ = try await declare(client, province: "79", ward: "26506")
            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            let hanoi = try await client.token(username: "doh-hn", password: "correct horse battery")
            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let own = try #require(try await client.get("/api/v1/declarations/statistics", token: hanoi).json()["items"] as? [[String: Any]])
            #expect(own.count == 1)
            #expect(own.first?["provinceCode"] as? String == "01" && own.first?["high"] as? Int == 1 && own.first?["low"] as? Int == 1)
            #expect(own.first?["total"] as? Int == 2 && own.first?["day"] as? String == VietnamDay.string(of: server.clock.now))
            let everywhere = try #require(try await client.get("/api/v1/declarations/statistics?days=7", token: admin).json()["items"] as? [[String: Any]])
            #expect(everywhere.compactMap { $0["provinceCode"] as? String } == ["01", "79"])
            #expect(try await client.get("/api/v1/declarations/statistics?days=0", token: admin).status == .unprocessableContent)
            #expect(try await client.get("/api/v1/declarations/statistics?kind=exit", token: admin).status == .unprocessableContent)
        }
    }
}
