import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Accounts and cases the views and links tests share: two hospitals in Hà Nội and one in Hồ Chí
/// Minh City, each province's health authority, and cases entered by spreadsheet. The test clock
/// stands at 2027-01-15 15:00 Vietnam time.
struct HealthCasesFixture {
    let server: TestServer
    let client: any TestClientProtocol

    static func make(_ server: TestServer, _ client: any TestClientProtocol) async throws -> HealthCasesFixture {
        for (name, role, province) in [
            ("bv-a", Role.healthFacility, "01"), ("bv-b", .healthFacility, "01"), ("bv-c", .healthFacility, "79"), ("syt-hn", .healthAuthority, "01"),
            ("syt-hcm", .healthAuthority, "79"),
        ] {
            try await server.addAccount(name, role: role, province: province)
        }
        return HealthCasesFixture(server: server, client: client)
    }

    func token(_ name: String) async throws -> String {
        try await client.token(username: name, password: name == "admin" ? server.adminPassword : "correct horse battery")
    }

    /// Imports `csv` as facility `name`; the ids of the patients its rows stored.
    @discardableResult
    func enter(_ csv: String, as name: String) async throws -> [Int] {
        let response = try await client.execute(
            uri: "/api/v1/health/cases/import", method: .post, headers: [.authorization: "Bearer \(try await token(name))", .contentType: "text/csv"],
            body: ByteBuffer(string: csv)
        )
        let report = try response.json()
        #expect(report["rejected"] as? Int == 0, "\(response.text)")
        return try #require(report["patientIds"] as? [Int])
    }

    func get(_ uri: String, as name: String) async throws -> TestResponse {
        try await client.get(uri, token: try await token(name))
    }

    func post(_ uri: String, as name: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer \(try await token(name))"], body: nil)
    }
}

@Suite("Health data exchange: line lists and daily figures for the ministry and provinces")
struct HealthCaseViewsTests {
    static let header = "name,identifier,phone,provinceCode,diagnosis,test,result,testedAt,admittedAt,isolatedAt,dischargedAt,deceasedAt\n"

    @Test("each reads its scope; the figures count each day's changes, active cases and beds; DHIS2 and ADX carry them", arguments: TestEngine.available)
    func viewsAndFigures(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let cases = try await HealthCasesFixture.make(server, client)
            let hanoi = try await cases.enter(
                Self.header + """
                Nguyễn Văn An,001090000001,0912000111,01,confirmed,pcr,positive,2027-01-12T09:00:00+07:00,2027-01-12T12:00:00+07:00,,,
                Trần Thị Bình,001190000002,,01,suspected,rapid-antigen,positive,2027-01-14T09:00:00+07:00,,2027-01-14T10:00:00+07:00,,
                Lê Văn Cường,001090000003,,01,confirmed,pcr,positive,2027-01-10T09:00:00+07:00,2027-01-10T11:00:00+07:00,,2027-01-13T09:00:00+07:00,

                """, as: "bv-a"
            )
            try await cases.enter(Self.header + "Phạm Văn Dũng,079090000004,,79,confirmed,pcr,positive,2027-01-14T09:00:00+07:00,,,,2027-01-15T08:00:00+07:00\n", as: "bv-c")

            let national = try await cases.get("/api/v1/health/figures?days=7", as: "admin").json()
            #expect(national["from"] as? String == "2027-01-09" && national["to"] as? String == "2027-01-15")
            let provinces = try #require(national["provinces"] as? [[String: Any]])
            try #require(provinces.compactMap { $0["code"] as? String } == ["01", "79"])
            func series(_ province: [String: Any], _ figure: String) -> [Int] {
                (province["days"] as? [[String: Any]])?.compactMap { $0[figure] as? Int } ?? []
            }
            #expect(series(provinces[0], "newConfirmed") == [0, 1, 0, 1, 0, 0, 0])
            #expect(series(provinces[0], "newSuspected") == [0, 0, 0, 0, 0, 1, 0], "Bình opened as a suspicion; the others opened confirmed")
            #expect(series(provinces[0], "active") == [0, 1, 1, 2, 1, 1, 1], "Cường from the 10th to his discharge on the 13th, An from the 12th")
            #expect(series(provinces[0], "recovered") == [0, 0, 0, 0, 1, 0, 0])
            #expect(series(provinces[0], "bedsOccupied") == [0, 1, 1, 2, 1, 2, 2], "isolated Bình holds a bed though not a confirmed case")
            #expect(series(provinces[1], "deceased") == [0, 0, 0, 0, 0, 0, 1] && series(provinces[1], "active") == [0, 0, 0, 0, 0, 1, 0])
            let beds = try #require(national["beds"] as? [[String: Any]])
            #expect(beds.count == 1 && beds.first?["occupied"] as? Int == 2 && (beds.first?["facility"] as? [String: Any])?["name"] as? String == "bv-a")

            let province = try await cases.get("/api/v1/health/figures?days=7", as: "syt-hn").json()
            #expect((province["provinces"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["01"])
            #expect(try await cases.get("/api/v1/health/figures?province=01", as: "syt-hcm").status == .forbidden)
            #expect(try await cases.get("/api/v1/health/figures?days=0", as: "syt-hn").status == .unprocessableContent)

            let csv = try await cases.get("/api/v1/health/figures/data-values?format=csv&days=7", as: "admin")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("dataelement,period,orgunit,"))
            #expect(csv.text.contains("COVID19_NEW_CONFIRMED,20270112,01,,,1,"), "\(csv.text.prefix(400))")
            #expect(csv.text.contains("COVID19_DECEASED,20270115,79,,,1,"))
            let adx = try await cases.get("/api/v1/health/figures/data-values?format=adx&days=7", as: "syt-hn").text
            #expect(adx.contains(#"<group orgUnit="01" period="2027-01-12/P1D" dataSet="COVID19_CASES_DAILY">"#) && !adx.contains(#"orgUnit="79""#))
            #expect(try await cases.get("/api/v1/health/figures/data-values?format=pdf", as: "admin").status == .unprocessableContent)

            let list = try await cases.get("/api/v1/health/cases?limit=2", as: "syt-hn")
            let listed = try list.json()
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["id"] as? Int } == [hanoi[2], hanoi[1]] && listed["nextCursor"] is String, "newest first, two to a page")
            let all = try await cases.get("/api/v1/health/cases?format=csv", as: "syt-hn").text
            #expect(all.hasPrefix("id,status,statusAt,name,") && all.contains("Nguyễn Văn An") && !all.contains("Phạm Văn Dũng"))
            #expect(all.contains("••••0001") && !all.contains("001090000001"), "identifiers are masked in the line list")
            #expect(try await cases.get("/api/v1/health/cases?status=recovered", as: "syt-hn").json()["items"].map { ($0 as? [Any])?.count } == 1)
            #expect(try await cases.get("/api/v1/health/cases?status=healed", as: "syt-hn").status == .unprocessableContent)
            #expect((try await cases.get("/api/v1/health/cases", as: "bv-b").json()["items"] as? [Any])?.isEmpty == true, "a facility lists the people it reported")
            #expect((try await cases.get("/api/v1/health/cases", as: "bv-c").json()["items"] as? [Any])?.count == 1)
            #expect(try await cases.get("/api/v1/health/cases", as: "syt-hcm").text.contains("Phạm Văn Dũng"))

            let detail = try await cases.get("/api/v1/health/cases/\(hanoi[0])", as: "syt-hn").json()
            #expect((detail["changes"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["confirmed", "admitted"])
            #expect((detail["sources"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["bv-a"])
            #expect(try await cases.get("/api/v1/health/cases/\(hanoi[0])", as: "syt-hcm").status == .notFound)
            #expect(try await cases.get("/api/v1/health/cases/\(hanoi[0])", as: "bv-b").status == .notFound)
            let audit = try await cases.get("/api/v1/audit?limit=100", as: "admin").json()
            let actions = Set((audit["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? [])
            #expect(actions.isSuperset(of: ["health.cases.list", "health.cases.read"]))
        }
    }
}

@Suite("Health data exchange: a confirmed case leads to an upload code and to the venues its phone checked in at")
struct HealthCaseLinksTests {
    @Test("the province's authority issues the code, sees the infectious period's check-ins and declares an outbreak in one step", arguments: TestEngine.available)
    func links(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let venue = try await CheckInsAPITests().approvedVenue(server, client)
            let now = server.clock.now
            func checkIn(hoursAgo: Double, phone: String) async throws -> Int {
                let visit = try await client.postJSON("/api/v1/checkins", ["qr": venue.url, "time": (now - hoursAgo * 3600).formatted(.iso8601), "phone": phone])
                return try #require(try visit.json()["visitId"] as? Int)
            }
            let during = try await checkIn(hoursAgo: 20, phone: "0912000111")
            _ = try await checkIn(hoursAgo: 120, phone: "0912000111")  // five days ago: before the infectious period
            _ = try await checkIn(hoursAgo: 20, phone: "0912000222")  // someone else
            let cases = try await HealthCasesFixture.make(server, client)
            let ids = try await cases.enter(
                HealthCaseViewsTests.header + """
                Nguyễn Văn An,001090000001,0912000111,01,confirmed,pcr,positive,2027-01-14T09:00:00+07:00,,,,
                Trần Thị Bình,001190000002,0912000222,01,suspected,,,2027-01-14T09:00:00+07:00,,,,

                """, as: "bv-a"
            )
            let (confirmed, suspected) = (ids[0], ids[1])

            let code = try await cases.post("/api/v1/health/cases/\(confirmed)/upload-code", as: "syt-hn")
            #expect(code.status == .created && code.headers[.cacheControl] == "no-store", "\(code.text)")
            let issued = try code.json()
            #expect((issued["code"] as? String)?.count == 8 && issued["longCode"] is String)
            #expect(try await cases.post("/api/v1/health/cases/\(suspected)/upload-code", as: "syt-hn").status == .conflict, "a suspicion gets no code")
            #expect(try await cases.post("/api/v1/health/cases/\(confirmed)/upload-code", as: "syt-hcm").status == .notFound)
            #expect(try await cases.post("/api/v1/health/cases/\(confirmed)/upload-code", as: "bv-a").status == .forbidden)

            let venues = try await cases.get("/api/v1/health/cases/\(confirmed)/venues", as: "syt-hn").json()
            let visits = try #require(venues["items"] as? [[String: Any]])
            #expect(visits.compactMap { $0["visitId"] as? Int } == [during], "only the phone's check-in in the infectious period")
            #expect(visits.first?["venueName"] as? String == "Quán phở Thìn")
            let declared = try await cases.post("/api/v1/health/cases/\(confirmed)/venues/\(during)/outbreak", as: "syt-hn")
            #expect(declared.status == .created, "\(declared.text)")
            #expect(try declared.json()["exposedVisits"] as? Int == 2, "the case's visit and the other phone's at the same time")
            #expect(try await cases.post("/api/v1/health/cases/\(confirmed)/venues/999999/outbreak", as: "syt-hn").status == .notFound)
            let outbreaks = try JSONSerialization.jsonObject(with: Data(try await cases.get("/api/v1/outbreaks", as: "syt-hn").text.utf8)) as? [Any]
            #expect(outbreaks?.count == 1)

            try await server.withDatabase { database in
                let declarations = DeclarationRepository(database: database)
                for (code, province) in [("ENTRY-HN", "01"), ("ENTRY-HCM", "79")] {
                    let content = DeclarationContent(
                        questionnaireVersion: 1, answersJSON: #"{"phone":"+84912000111"}"#, riskLevel: .high, riskReasonsJSON: "[]", provinceCode: province, wardCode: nil
                    )
                    _ = try await declarations.create(kind: .entry, questionnaireID: "entry", content: content, amendTokenHash: nil, at: now, makeCode: { code })
                }
            }
            let theirs = try await cases.get("/api/v1/health/cases/\(confirmed)/declarations", as: "syt-hn").json()
            #expect((theirs["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["ENTRY-HN"], "the patient's declarations in the officer's province")
            #expect(try await cases.get("/api/v1/health/cases/\(suspected)/declarations", as: "syt-hn").status == .conflict)

            let audit = try await cases.get("/api/v1/audit?limit=100", as: "admin").json()
            let actions = Set((audit["items"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? [])
            #expect(actions.isSuperset(of: [
                "health.cases.upload-code", "health.cases.venues", "health.cases.outbreak", "health.cases.declarations", "exposure.codes.issue", "outbreaks.declare",
            ]))
        }
    }
}
