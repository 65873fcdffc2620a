import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HummingbirdTesting
import Logging
import Testing

@Suite("Upload codes API")
struct UploadCodesAPITests {
    @Test("a health authority issues single codes for its province and sees their state", arguments: TestEngine.available)
    func issueAndList(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("doh-hcm", role: .healthAuthority, province: "79")
            try await server.addAccount("doh-hn", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh-hcm", password: "correct horse battery")
            let response = try await client.postJSON(
                "/api/v1/exposure/codes", ["testType": "confirmed", "symptomDate": "2027-01-14"], headers: [.authorization: "Bearer \(officer)"]
            )
            #expect(response.status == .created)
            let body = try response.json()
            let code = try #require(body["code"] as? String)
            #expect(code.count == 8 && code.allSatisfy(\.isNumber))
            #expect((body["longCode"] as? String)?.count == 16)
            #expect(ISO8601DateFormatter().date(from: try #require(body["expiresAt"] as? String)) == server.clock.now + 900)

            let listed = try await client.get("/api/v1/exposure/codes", token: officer).json()
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["state"] as? String == "issued")
            #expect(items.first?["province"] as? String == "79")
            #expect(items.first?["symptomDate"] as? String == "2027-01-14")
            #expect(items.first?["code"] == nil, "codes are shown once, never listed")

            let other = try await client.token(username: "doh-hn", password: "correct horse battery")
            #expect((try await client.get("/api/v1/exposure/codes", token: other).json()["items"] as? [Any])?.isEmpty == true)

            server.clock.advance(by: 24 * 3600)
            let fresh = try await client.token(username: "doh-hcm", password: "correct horse battery")  // the first one expired
            let later = try await client.get("/api/v1/exposure/codes", token: fresh).json()
            #expect((later["items"] as? [[String: Any]])?.first?["state"] as? String == "expired")

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let audit = try #require(try await client.get("/api/v1/audit", token: admin).json()["items"] as? [[String: Any]])
            let entry = try #require(audit.first { $0["action"] as? String == "exposure.codes.issue" })
            #expect(entry["actor"] as? String == "doh-hcm")
            #expect(entry["province"] as? String == "79")
        }
    }

    @Test("only health authorities issue codes, with valid types and dates")
    func validation() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("venue9", role: .venueOwner, province: "79")
            try await server.addAccount("doh-national", role: .healthAuthority, province: nil)
            let venue = try await client.token(username: "venue9", password: "correct horse battery")
            #expect(try await client.postJSON("/api/v1/exposure/codes", ["testType": "confirmed"]).status == .unauthorized)
            let refused = try await client.postJSON("/api/v1/exposure/codes", ["testType": "confirmed"], headers: [.authorization: "Bearer \(venue)"])
            #expect(refused.status == .forbidden)

            let officer = try await client.token(username: "doh-national", password: "correct horse battery")
            // The test clock stands at 2027-01-15 08:00 UTC (15:00 in Vietnam).
            let cases: [([String: Any], String)] = [
                (["testType": "positive"], "testType"),
                (["testType": "likely", "testDate": "15/01/2027"], "testDate"),
                (["testType": "likely", "testDate": "2027-02-30"], "testDate"),
                (["testType": "likely", "testDate": "2027-01-16"], "testDate"),
                (["testType": "likely", "symptomDate": "2026-12-31"], "symptomDate"),
            ]
            for (body, field) in cases {
                let response = try await client.postJSON("/api/v1/exposure/codes", body, headers: [.authorization: "Bearer \(officer)"])
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect((try response.json()["errors"] as? [[String: String]])?.first?["field"] == field, "\(body)")
            }
            let today = try await client.postJSON(
                "/api/v1/exposure/codes", ["testType": "negative", "testDate": "2027-01-15"], headers: [.authorization: "Bearer \(officer)"]
            )
            #expect(today.status == .created)
        }
    }

    @Test("an officer may issue at most 100 codes an hour")
    func rateLimit() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("doh-busy", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh-busy", password: "correct horse battery")
            for _ in 0..<100 {
                let response = try await client.postJSON("/api/v1/exposure/codes", ["testType": "confirmed"], headers: [.authorization: "Bearer \(officer)"])
                #expect(response.status == .created)
            }
            let limited = try await client.postJSON("/api/v1/exposure/codes", ["testType": "confirmed"], headers: [.authorization: "Bearer \(officer)"])
            #expect(limited.status == .tooManyRequests)
            server.clock.advance(by: 3601)
            #expect(try await client.postJSON("/api/v1/exposure/codes", ["testType": "confirmed"], headers: [.authorization: "Bearer \(officer)"]).status == .created)
        }
    }
}

@Suite("Retention purge")
struct RetentionPurgeTests {
    @Test("the purge deletes upload codes 14 days after they expired", arguments: TestEngine.available)
    func purge(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("doh-purge", role: .healthAuthority, province: "01")
            let officer = try await client.token(username: "doh-purge", password: "correct horse battery")
            let issued = try await client.postJSON("/api/v1/exposure/codes", ["testType": "confirmed"], headers: [.authorization: "Bearer \(officer)"])
            #expect(issued.status == .created)
            let database = try await openMigratedDatabase(configuration: server.configuration, logger: Logger(label: "test"))
            let codes = UploadCodeRepository(database: database)
            let purge = server.retention(database)
            server.clock.advance(by: 24 * 3600 + 14 * 86400 - 60)
            try await purge.purgeOnce()
            #expect(try await codes.list(provinceCode: "01", beforeID: nil, limit: 10).count == 1, "kept until 14 days after expiry")
            server.clock.advance(by: 120)
            try await purge.purgeOnce()
            #expect(try await codes.list(provinceCode: "01", beforeID: nil, limit: 10).isEmpty)
            try await database.shutdown()
        }
    }
}
