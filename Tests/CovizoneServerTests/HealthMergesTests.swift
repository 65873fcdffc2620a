@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HealthDataExchange
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Health data exchange: merges an officer reviews and undoes")
struct HealthMergesTests {
    static let header = "name,identifier,birthDate,phone,provinceCode,diagnosis,test,result,testedAt,admittedAt\n"

    @Test("a second hospital's report of the same person waits for review; undone, its records and identifiers go to a person of their own and stay there", arguments: TestEngine.available)
    func reviewAndUndo(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let cases = try await HealthCasesFixture.make(server, client)
            let person = try #require(try await cases.enter(Self.header + "Nguyễn Văn An,001090000001,1990-04-12,,01,confirmed,pcr,positive,2027-01-14T09:00:00+07:00,\n", as: "bv-a").first)
            try await cases.enter(Self.header + "Trần Thị Bình,,1985-07-02,0912000222,01,suspected,,,2027-01-14T09:00:00+07:00,\n", as: "bv-a")
            let passportRow = "NGUYEN VAN AN,001090000001,1991-01-01,,01,confirmed,,,2027-01-14T10:00:00+07:00,2027-01-14T12:00:00+07:00\n"
            #expect(try await cases.enter(Self.header + passportRow, as: "bv-b") == [person], "the same CCCD joins the person")
            try await cases.enter(Self.header + "tran thi binh,,1985-07-02,0912000222,01,confirmed,,,2027-01-14T11:00:00+07:00,\n", as: "bv-b")
            try await cases.enter(Self.header + "Nguyễn Văn An,001090000001,1990-04-12,,01,,,,,\n", as: "bv-a")

            let pending = try await cases.get("/api/v1/health/merges?status=pending", as: "syt-hn").json()
            let items = try #require(pending["items"] as? [[String: Any]])
            #expect(items.count == 2, "one merge per facility that joined a person another reported; a facility's own repeat is none")
            #expect(items.compactMap { $0["matchedBy"] as? String } == ["person", "identifier"])
            let an = try #require(items.last)
            let mergeID = try #require(an["id"] as? Int)
            #expect((an["previous"] as? [String: Any])?["birthDate"] as? String == "1990-04-12" && (an["incoming"] as? [String: Any])?["name"] as? String == "NGUYEN VAN AN")
            #expect(((an["incoming"] as? [String: Any])?["identifiers"] as? [[String: Any]])?.first?["value"] as? String == "••••••••0001")
            #expect((try await cases.get("/api/v1/health/merges", as: "syt-hcm").json()["items"] as? [Any])?.isEmpty == true)
            #expect(try await cases.post("/api/v1/health/merges/\(mergeID)/undo", as: "syt-hcm").status == .notFound)
            #expect(try await cases.post("/api/v1/health/merges/\(mergeID)/undo", as: "bv-a").status == .forbidden)
            let binh = try #require(items.first?["id"] as? Int)
            #expect(try await cases.post("/api/v1/health/merges/\(binh)/confirm", as: "syt-hn").status == .ok)
            #expect(try await cases.post("/api/v1/health/merges/\(binh)/confirm", as: "syt-hn").status == .conflict)

            try await cases.enter(Self.header + "Nguyễn Văn An,001090000001,1990-04-12,0912000999,01,,,,,\n", as: "bv-c")
            let undone = try await cases.post("/api/v1/health/merges/\(mergeID)/undo", as: "syt-hn")
            #expect(undone.status == .ok, "\(undone.text)")
            let split = try #require(try undone.json()["splitPatientId"] as? Int)
            #expect(split != person)
            let kept = try await cases.get("/api/v1/health/cases/\(person)", as: "syt-hn").json()
            #expect((kept["case"] as? [String: Any])?["birthDate"] as? String == "1990-04-12", "the person is as before the merge")
            #expect((kept["case"] as? [String: Any])?["phone"] as? String == "+84912000999", "what another facility sent since stays")
            #expect((kept["case"] as? [String: Any])?["status"] as? String == "confirmed" && (kept["sources"] as? [[String: Any]])?.count == 2)
            let splitCase = try await cases.get("/api/v1/health/cases/\(split)", as: "syt-hn").json()
            #expect((splitCase["case"] as? [String: Any])?["status"] as? String == "admitted")
            #expect((splitCase["changes"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["confirmed", "admitted"], "its own report, read again")
            #expect((splitCase["sources"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["bv-b"])
            let hospital = try await cases.token("bv-b")
            let conditions = try await client.get("/fhir/r4/Condition?subject=Patient/\(split)", token: hospital).json()
            let subjects = (conditions["entry"] as? [[String: Any]])?.compactMap { (($0["resource"] as? [String: Any])?["subject"] as? [String: Any])?["reference"] as? String }
            #expect(subjects == ["Patient/\(split)"], "the records moved and say whose they are")
            #expect(try await cases.enter(Self.header + passportRow, as: "bv-b") == [split], "the hospital's later reports go to the split person")
            #expect(try await cases.enter(Self.header + "Nguyễn Văn An,001090000001,1990-04-12,,01,,,,,\n", as: "bv-c") == [person], "another facility still finds the person")
            #expect(try await cases.post("/api/v1/health/cases/\(split)/upload-code", as: "syt-hn").status == .created, "the split case is a confirmed case of its own")
            #expect(try await cases.post("/api/v1/health/merges/\(mergeID)/undo", as: "syt-hn").status == .conflict)

            let session = try await WebPagesTests().signIn(client, username: "syt-hn", password: "correct horse battery")
            let page = try await client.get("/health/merges?status=undone", headers: [.cookie: "covizone_session=\(session)"])
            #expect(page.status == .ok && page.text.contains("id=\"merge-\(mergeID)\"") && page.text.contains("href=\"/health/cases/\(split)\""))
            let audit = try await cases.get("/api/v1/audit?limit=100", as: "admin").json()
            let actions = Set((audit["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? [])
            #expect(actions.isSuperset(of: ["health.merges.list", "health.merges.confirm", "health.merges.undo"]))
        }
    }

    @Test("a closed case goes with everything kept about it a year after it closed; an open case stays", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let cases = try await HealthCasesFixture.make(server, client)
            let header = "name,identifier,provinceCode,diagnosis,admittedAt,dischargedAt\n"
            let closed = try #require(try await cases.enter(header + "Lê Văn Cường,001090000003,01,confirmed,2027-01-10T09:00:00+07:00,2027-01-14T09:00:00+07:00\n", as: "bv-a").first)
            try await cases.enter(header + "Lê Văn Cường,001090000003,01,,,\n", as: "bv-b")
            let open = try #require(try await cases.enter(header + "Phạm Thị Dung,001190000004,01,confirmed,2027-01-14T09:00:00+07:00,\n", as: "bv-a").first)
            let purge = { try await server.withDatabase { try await server.retention($0).purgeOnce() } }
            server.clock.advance(by: 363 * 86_400)
            try await purge()
            #expect(try await cases.get("/api/v1/health/cases/\(closed)", as: "syt-hn").status == .ok, "kept a year after it closed")
            server.clock.advance(by: 3 * 86_400)
            try await purge()
            #expect(try await cases.get("/api/v1/health/cases/\(closed)", as: "syt-hn").status == .notFound)
            #expect(try await cases.get("/api/v1/health/cases/\(open)", as: "syt-hn").status == .ok)
            #expect((try await cases.get("/api/v1/health/merges", as: "syt-hn").json()["items"] as? [Any])?.isEmpty == true, "its merges went with it")
            let search = try await client.get("/fhir/r4/Patient?identifier=\(CaseVocabulary.IdentifierSystem.cccd)%7C001090000003", token: try await cases.token("syt-hn")).json()
            #expect(search["total"] as? Int == 0)
            #expect(try await cases.enter(header + "Lê Văn Cường,001090000003,01,,,\n", as: "bv-b") != [closed], "a new report is a new case")
        }
    }
}
