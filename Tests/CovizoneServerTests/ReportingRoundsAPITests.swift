@testable import CovizoneServer
import CovizoneCore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Communication reporting: rounds, reports and the summary")
struct ReportingRoundsAPITests {
    /// Lạng Sơn's unit and three units under it, made by its officer: the city, a newspaper, and a ward of the city.
    struct Tree {
        var officer: CampaignClient
        var province: Int
        var city: Int
        var press: Int
        var ward: Int
    }

    static func tree(_ server: TestServer, _ client: some TestClientProtocol) async throws -> Tree {
        try await server.addAccount("officer-ls", role: .provinceOfficer, province: "20")
        let officer = CampaignClient(client: client, token: try await client.token(username: "officer-ls", password: "correct horse battery"))
        let province = try #require(try await officer.send(.get, "/api/v1/reporting/org-units").json()["items"] as? [[String: Any]]).first?["id"] as? Int
        func add(_ name: String, _ kind: String, under parent: Int?) async throws -> Int {
            let created = try await officer.send(.post, "/api/v1/reporting/org-units", json: ["name": name, "kind": kind, "parentId": try #require(parent)])
            #expect(created.status == .created, "\(created.text)")
            return try #require(try created.json()["id"] as? Int)
        }
        let city = try await add("UBND thành phố Lạng Sơn", "district", under: province)
        let press = try await add("Báo Lạng Sơn", "press", under: province)
        let ward = try await add("Phường Đông Kinh", "commune", under: city)
        return Tree(officer: officer, province: try #require(province), city: city, press: press, ward: ward)
    }

    static func openRound(_ officer: CampaignClient, at unit: Int) async throws -> Int {
        let round = try await officer.send(
            .post, "/api/v1/reporting/rounds",
            json: ["formId": "communication", "name": "Đợt 1", "start": "2027-01-11", "end": "2027-01-17", "due": "2027-01-16T17:00:00+07:00", "orgUnitId": unit]
        )
        #expect(round.status == .created, "\(round.text)")
        #expect(try round.json()["period"] as? String == "2027-01-11/P7D")
        return try #require(try round.json()["id"] as? Int)
    }

    @Test("a province runs a round: units save drafts and complete, one late; the summary sums the subtree with percentages from the sums; reopening and history", arguments: TestEngine.available)
    func roundEndToEnd(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let tree = try await Self.tree(server, client)
            let officer = tree.officer
            let invalid = try await officer.send(
                .post, "/api/v1/reporting/rounds", json: ["formId": "x", "name": "", "start": "2027-02-30", "end": "2027-01-01", "due": "soon", "orgUnitId": tree.province]
            )
            #expect(Set(try invalid.problem.errors?.map(\.field) ?? []) == ["formId", "name", "start", "due"])
            let round = try await Self.openRound(officer, at: tree.province)

            try await server.addAccount("unit-city", role: .reportingUnit, province: "20", details: AccountDetails(stored: nil, phone: "+84912000111", orgUnitID: String(tree.city)))
            let city = CampaignClient(client: client, token: try await client.token(username: "unit-city", password: "correct horse battery"))
            let listed = try #require(try await city.send(.get, "/api/v1/reporting/rounds").json()["items"] as? [[String: Any]])
            #expect(listed.map { $0["id"] as? Int } == [round], "a unit sees the rounds it reports in")
            let report = "/api/v1/reporting/rounds/\(round)/reports"
            let wrong = try await city.send(.put, "\(report)/\(tree.city)", json: ["values": ["radio.quantity": -1, "sms-zalo.reached": 9, "sms-zalo.target": 5, "nope": 1]])
            #expect(Set(try wrong.problem.errors?.map(\.field) ?? []) == ["values.radio.quantity", "values.sms-zalo.reached", "values.nope"])
            #expect(try await city.send(.put, "\(report)/\(tree.press)", json: ["values": ["radio.quantity": 1]]).status == .notFound, "another unit's report is not shown")
            let huge = try await city.send(.put, "\(report)/\(tree.city)", json: ["values": ["radio.quantity": 9_000_000_000_000_000_000]])
            #expect(huge.status == .unprocessableContent && huge.text.contains("at most"), "no sum up the tree can overflow")
            #expect(try await city.send(.post, "\(report)/\(tree.city)/complete").status == .conflict, "nothing saved yet")
            let draft = try await city.send(
                .put, "\(report)/\(tree.city)",
                json: [
                    "values": ["radio.quantity": 12, "sms-zalo.reached": 150_000, "sms-zalo.target": 200_000, "app.staff": 40, "app.installed": 30],
                    "notes": ["radio": "loa phường"], "proposals": "Cấp thêm kinh phí",
                ]
            )
            #expect(draft.status == .ok, "\(draft.text)")
            #expect(try draft.json()["status"] as? String == "draft")
            let completed = try await city.send(.post, "\(report)/\(tree.city)/complete")
            #expect(try completed.json()["status"] as? String == "complete")
            #expect(try await city.send(.put, "\(report)/\(tree.city)", json: ["values": ["radio.quantity": 13]]).status == .conflict)

            // The officer types in what the newspaper phoned in.
            #expect(try await officer.send(.put, "\(report)/\(tree.press)", json: ["values": ["sms-zalo.reached": 50_000, "sms-zalo.target": 50_000]]).status == .ok)
            #expect(try await officer.send(.post, "\(report)/\(tree.press)/complete").status == .ok)

            server.clock.advance(by: 2 * 86_400)
            let lateOfficer = CampaignClient(client: client, token: try await client.token(username: "officer-ls", password: "correct horse battery"))
            #expect(try await lateOfficer.send(.put, "\(report)/\(tree.ward)", json: ["values": ["radio.quantity": 3, "app.staff": 10, "app.installed": 10]]).status == .ok)
            #expect(try await lateOfficer.send(.post, "\(report)/\(tree.ward)/complete").json()["status"] as? String == "late")

            let summary = try await lateOfficer.send(.get, "/api/v1/reporting/rounds/\(round)/summary?orgUnit=\(tree.province)").json()
            #expect(summary["values"] as? [String: Int] == [
                "radio.quantity": 15, "sms-zalo.reached": 200_000, "sms-zalo.target": 250_000, "app.staff": 50, "app.installed": 40,
            ])
            #expect(summary["percentages"] as? [String: Double] == ["sms-zalo": 80.0])
            #expect(summary["completeness"] as? [String: Int] == ["expected": 3, "completed": 3, "onTime": 2])
            let citySummary = try await lateOfficer.send(.get, "/api/v1/reporting/rounds/\(round)/summary?orgUnit=\(tree.city)").json()
            #expect(citySummary["completeness"] as? [String: Int] == ["expected": 2, "completed": 2, "onTime": 1])
            #expect((citySummary["values"] as? [String: Int])?["radio.quantity"] == 15)

            let board = try #require(try await lateOfficer.send(.get, report).json()["items"] as? [[String: Any]])
            #expect(Dictionary(uniqueKeysWithValues: board.map { ($0["orgUnitId"] as? Int ?? 0, $0["status"] as? String ?? "") }) == [
                tree.city: "complete", tree.press: "complete", tree.ward: "late",
            ])

            let cityAgain = CampaignClient(client: client, token: try await client.token(username: "unit-city", password: "correct horse battery"))
            let reopenByUnit = try await cityAgain.send(.post, "\(report)/\(tree.city)/reopen")
            #expect(reopenByUnit.status == .forbidden, "only officers reopen: \(reopenByUnit.status) \(reopenByUnit.text)")
            #expect(try await lateOfficer.send(.post, "\(report)/\(tree.city)/reopen").json()["status"] as? String == "draft")
            let corrected = try await cityAgain.send(.put, "\(report)/\(tree.city)", json: ["values": ["radio.quantity": 14], "proposals": ""])
            let history = try #require(try corrected.json()["history"] as? [[String: Any]])
            #expect(history.map { $0["action"] as? String } == ["save", "reopen", "complete", "save"])
            #expect(history.map { $0["actor"] as? String } == ["unit-city", "officer-ls", "unit-city", "unit-city"])
            #expect((history.last?["values"] as? [String: Int])?["radio.quantity"] == 12 && (history.first?["values"] as? [String: Int]) == ["radio.quantity": 14])
            let after = try await lateOfficer.send(.get, "/api/v1/reporting/rounds/\(round)/summary").json()
            #expect(after["completeness"] as? [String: Int] == ["expected": 3, "completed": 2, "onTime": 1], "a reopened report leaves the sums")
        }
    }

    @Test("after the due time plus the lock days a round takes no report; a reopened one may still change; other provinces see nothing", arguments: TestEngine.available)
    func lockingAndScope(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let tree = try await Self.tree(server, client)
            let round = try await Self.openRound(tree.officer, at: tree.province)
            let report = "/api/v1/reporting/rounds/\(round)/reports"
            #expect(try await tree.officer.send(.put, "\(report)/\(tree.city)", json: ["values": ["radio.quantity": 1]]).status == .ok)
            #expect(try await tree.officer.send(.post, "\(report)/\(tree.city)/complete").status == .ok)
            #expect(try await tree.officer.send(.put, "\(report)/\(tree.province)", json: ["values": ["radio.quantity": 1]]).status == .notFound, "the round's own unit is not expected")

            // Due a day and two hours from now, locked the lock days after.
            server.clock.advance(by: TimeInterval(2 + server.configuration.reportingLockDays) * 86_400)
            let officer = CampaignClient(client: client, token: try await client.token(username: "officer-ls", password: "correct horse battery"))
            let locked = try await officer.send(.put, "\(report)/\(tree.press)", json: ["values": ["radio.quantity": 1]])
            #expect(locked.status == .conflict && locked.text.contains("locked"), "\(locked.status) \(locked.text)")
            #expect(try await officer.send(.post, "\(report)/\(tree.city)/reopen").status == .ok)
            #expect(try await officer.send(.put, "\(report)/\(tree.city)", json: ["values": ["radio.quantity": 2]]).status == .ok)
            #expect(try await officer.send(.post, "\(report)/\(tree.city)/complete").json()["status"] as? String == "late")

            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            let other = CampaignClient(client: client, token: try await client.token(username: "officer-hn", password: "correct horse battery"))
            #expect(try await other.send(.get, "/api/v1/reporting/rounds/\(round)").status == .notFound)
            #expect(try await other.send(.get, "/api/v1/reporting/rounds/\(round)/summary").status == .notFound)
            let seen = try await other.send(.get, "/api/v1/reporting/rounds").json()["items"] as? [[String: Any]]
            #expect(seen?.isEmpty == true)
        }
    }

    @Test("a reporting-unit account belongs to a unit of its own province, checked by the API and the command line alike", arguments: TestEngine.available)
    func accountBinding(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let tree = try await Self.tree(server, client)
            let created = try await tree.officer.send(.post, "/api/v1/accounts", json: ["username": "bao-ls", "role": "reporting-unit", "orgUnitId": String(tree.press)])
            #expect(created.status == .created, "\(created.text)")
            #expect(try await tree.officer.send(.post, "/api/v1/accounts", json: ["username": "bao-x", "role": "reporting-unit", "orgUnitId": "999999"]).problem.errors?.map(\.field) == ["orgUnitId"])
            #expect(try await tree.officer.send(.post, "/api/v1/accounts", json: ["username": "quan-x", "role": "venue-owner", "orgUnitId": String(tree.press)]).problem.errors?.map(\.field) == ["orgUnitId"])
            await #expect(throws: ValidationFailure.self) {
                try await server.addAccount("unit-hn", role: .reportingUnit, province: "01", details: AccountDetails(stored: nil, phone: nil, orgUnitID: String(tree.city)))
            }
        }
    }
}
