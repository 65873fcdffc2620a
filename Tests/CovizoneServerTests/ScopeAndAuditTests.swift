import CovizoneCore
import CovizoneTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite("Roles, province scope and the audit log")
struct ScopeAndAuditTests {
    @Test("a province officer reads only its province; other roles are refused", arguments: TestEngine.available)
    func provinceScope(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("officer-hn", role: .provinceOfficer, province: "01")
            try await server.addAccount("unit-hn", role: .reportingUnit, province: "01")
            try await server.addAccount("venue-hcm", role: .venueOwner, province: "79")
            let officer = try await client.token(username: "officer-hn", password: "correct horse battery")

            let own = try await client.get("/api/v1/users", token: officer)
            #expect(own.status == .ok)
            let items = try #require(try own.json()["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["username"] as? String }) == ["officer-hn", "unit-hn"])

            let other = try await client.get("/api/v1/users?province=79", token: officer)
            #expect(other.status == .forbidden)
            #expect(other.headers[.contentType] == "application/problem+json")

            let venue = try await client.token(username: "venue-hcm", password: "correct horse battery")
            #expect(try await client.get("/api/v1/users", token: venue).status == .forbidden, "wrong role")
            #expect(try await client.get("/api/v1/audit", token: officer).status == .forbidden, "audit log is the ministry's")

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let hcm = try await client.get("/api/v1/users?province=79", token: admin)
            #expect((try hcm.json()["items"] as? [[String: Any]])?.map { $0["username"] as? String } == ["venue-hcm"])
            #expect(try await client.get("/api/v1/users?province=99", token: admin).status == .unprocessableContent)
        }
    }

    @Test("reading accounts and the audit log is itself audited", arguments: TestEngine.available)
    func auditEntries(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("officer-hcm", role: .provinceOfficer, province: "79")
            let officer = try await client.token(username: "officer-hcm", password: "correct horse battery")
            let read = try await client.get("/api/v1/users", token: officer, headers: [.xRequestID: "read-1"])
            #expect(read.status == .ok)

            let admin = try await client.token(username: "admin", password: server.adminPassword)
            let log = try await client.get("/api/v1/audit", token: admin)
            #expect(log.status == .ok)
            let entries = try #require(try log.json()["items"] as? [[String: Any]])
            let entry = try #require(entries.first { $0["requestId"] as? String == "read-1" })
            #expect(entry["actor"] as? String == "officer-hcm")
            #expect(entry["action"] as? String == "users.list")
            #expect(entry["province"] as? String == "79")
            #expect(entry["detail"] as? String == "1 accounts")

            let second = try await client.get("/api/v1/audit", token: admin)
            let newest = try #require((try second.json()["items"] as? [[String: Any]])?.first)
            #expect(newest["action"] as? String == "audit.read")
            #expect(newest["actor"] as? String == "admin")
        }
    }

    @Test("lists page with limit and cursor and reject bad ones")
    func pagination() async throws {
        try await TestServer.run { server, client in
            for index in 1...4 {
                try await server.addAccount("unit\(index)", role: .reportingUnit, province: "01")
            }
            let admin = try await client.token(username: "admin", password: server.adminPassword)
            var seen: [String] = []
            var uri = "/api/v1/users?limit=2"
            while true {
                let page = try await client.get(uri, token: admin).json()
                let items = try #require(page["items"] as? [[String: Any]])
                #expect(items.count <= 2)
                seen += items.compactMap { $0["username"] as? String }
                guard let cursor = page["nextCursor"] as? String else {
                    #expect(page["nextCursor"] is NSNull, "the last page says so with null")
                    break
                }
                uri = "/api/v1/users?limit=2&cursor=\(cursor)"
            }
            #expect(seen == ["admin", "unit1", "unit2", "unit3", "unit4"])
            let badLimit = try await client.get("/api/v1/users?limit=0", token: admin)
            #expect(badLimit.status == .unprocessableContent)
            #expect((try badLimit.json()["errors"] as? [[String: String]])?.first?["field"] == "limit")
            let badCursor = try await client.get("/api/v1/users?cursor=zzz", token: admin)
            #expect((try badCursor.json()["errors"] as? [[String: String]])?.first?["field"] == "cursor")
        }
    }
}
