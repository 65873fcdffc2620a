@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@Suite("Subscriber list imports land whole, and approvals stand for what was approved")
struct AudienceImportIntegrityTests {
    func importCSV(_ officer: CampaignClient, into id: Int, _ csv: String) async throws -> TestResponse {
        try await officer.client.execute(
            uri: "/api/v1/audiences/\(id)/members", method: .post, headers: [.authorization: "Bearer \(officer.token)", .contentType: "text/csv"],
            body: ByteBuffer(string: csv)
        )
    }

    func members(_ officer: CampaignClient, of id: Int) async throws -> Int? {
        try await officer.send(.get, "/api/v1/audiences/\(id)").json()["members"] as? Int
    }

    func count(_ table: String, _ server: TestServer, where column: String? = nil, is value: String? = nil) async throws -> Int {
        try await server.withDatabase { database in
            try await database.withConnection { sql in
                var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                if let column, let value { query = query.where(SQLColumn(column), .equal, SQLBind(value)) }
                return try await query.first()?.decode(column: "n", as: Int.self) ?? -1
            }
        }
    }

    @Test("a file that turns out bad at its end adds no number, records no import and writes no audit entry", arguments: TestEngine.available)
    func failedImportLeavesNothing(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let (author, _) = try await CampaignClient.officers(of: server, client)
            let (id, _) = try await author.audience("Hà Nội", csv: "msisdn,province\n")
            let rows = (0..<6_000).map { String(format: "0912%06d,01", $0) }.joined(separator: "\n")
            let failed = try await importCSV(author, into: id, rows + "\n\"0987654321,01\n")
            #expect(try failed.status == .unprocessableContent && (failed.json()["code"] as? String) == "invalid_csv")
            #expect(try await members(author, of: id) == 0, "the 5,000 rows read before the bad quote are not on the list")
            #expect(try await count("audience_staged_members", server) == 0, "nor left staged")
            #expect(try await count("audit_log", server, where: "action", is: "audiences.import") == 1, "only the first (empty) import is audited")
            #expect(try await count("audience_imports", server) == 1)

            let landed = try await importCSV(author, into: id, rows + "\n0912000000,01\n")
            #expect(landed.status == .ok)
            #expect(try landed.json()["added"] as? Int == 6_000 && landed.json()["duplicates"] as? Int == 1)
            #expect(try await members(author, of: id) == 6_000)
            #expect(try await count("audit_log", server, where: "action", is: "audiences.import") == 2)
            let long = try await importCSV(author, into: id, "\"" + String(repeating: "x", count: 70_000))
            #expect(long.status == .unprocessableContent, "a record longer than any row is refused as it streams")
        }
    }

    @Test("an import into an approved or scheduled campaign's list sends it back to draft; while it sends, imports are refused", arguments: TestEngine.available)
    func approvalFreezesTheList(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            let (author, approver) = try await CampaignClient.officers(of: server, client)
            let (audienceID, _) = try await author.audience("Hà Nội", csv: "msisdn,province\n0912345678,01\n0987654321,01\n")
            let start = VietnamLocalTime.string(of: server.clock.wallClock.now + 3600)
            let created = try await author.send(.post, "/api/v1/campaigns", json: campaignBody(audienceID: audienceID, start: start, template: CampaignsAPITests.template))
            let id = try #require(try created.json()["id"] as? Int)
            func campaign() async throws -> [String: Any] { try await author.send(.get, "/api/v1/campaigns/\(id)").json() }

            let approved = try await approver.send(.post, "/api/v1/campaigns/\(id)/approve").json()
            #expect(approved["status"] as? String == "approved" && approved["approvedMembers"] as? Int == 2, "the approval records the list it saw")
            #expect(try await importCSV(author, into: audienceID, "0911111111,01\n").status == .ok)
            let reopened = try await campaign()
            #expect(reopened["status"] as? String == "draft" && reopened["approvedBy"] == nil && reopened["approvedMembers"] == nil)

            #expect(try await approver.send(.post, "/api/v1/campaigns/\(id)/approve").json()["approvedMembers"] as? Int == 3)
            #expect(try await author.send(.post, "/api/v1/campaigns/\(id)/schedule").json()["status"] as? String == "scheduled")
            #expect(try await importCSV(author, into: audienceID, "0911111112,01\n").status == .ok)
            let unscheduled = try await campaign()
            #expect(unscheduled["status"] as? String == "draft")
            #expect((unscheduled["rounds"] as? [Any])?.isEmpty ?? true, "its planned rounds are gone")

            #expect(try await approver.send(.post, "/api/v1/campaigns/\(id)/approve").status == .ok)
            #expect(try await author.send(.post, "/api/v1/campaigns/\(id)/schedule").status == .ok)
            try await server.withDatabase { database in
                try await database.withConnection { try await $0.update("campaigns").set("status", to: "sending").where("id", .equal, id).run() }
            }
            let refused = try await importCSV(author, into: audienceID, "0911111113,01\n")
            #expect(try refused.status == .conflict && (refused.json()["code"] as? String) == "audience_in_use")
            #expect(try await members(author, of: audienceID) == 4, "nothing added while it sends")
            #expect(try await count("audience_staged_members", server) == 0)
            #expect(try await campaign()["status"] as? String == "sending")
        }
    }
}
