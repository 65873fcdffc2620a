import CovizoneStore
import CovizoneTestSupport
import Foundation
import Testing

@Suite("Audit log and login failures")
struct AuditAndThrottleRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("audit entries list newest first, page backwards and expire", arguments: TestEngine.available)
    func auditLog(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let log = AuditLogRepository(database: database)
            for minute in 0..<5 {
                try await log.append(
                    AuditEntry(
                        occurredAt: now + Double(minute * 60), actorUserID: nil, actor: "cli:root", action: "users.list",
                        subject: "users", provinceCode: minute == 0 ? "01" : nil, requestID: "r\(minute)", remoteAddress: "10.0.0.\(minute)",
                        detail: "\(minute)"
                    )
                )
            }
            let newest = try await log.list(beforeID: nil, limit: 2)
            #expect(newest.map(\.requestID) == ["r4", "r3"])
            let older = try await log.list(beforeID: newest.last?.id, limit: 10)
            #expect(older.map(\.requestID) == ["r2", "r1", "r0"])
            #expect(older.last?.provinceCode == "01")
            #expect(older.last?.remoteAddress == "10.0.0.0")
            #expect(try await log.deleteOlder(than: now + 120) == 2)
            #expect(try await log.list(beforeID: nil, limit: 10).count == 3)
        }
    }

    @Test("attempts are counted per name, per address, and per name from one address; a right one is forgotten", arguments: TestEngine.available)
    func loginFailures(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let failures = LoginFailureRepository(database: database)
            try await failures.record(username: "a", remoteAddress: "1.1.1.1", at: now)
            try await failures.record(username: "a", remoteAddress: "2.2.2.2", at: now + 10)
            try await failures.record(username: "b", remoteAddress: "1.1.1.1", at: now + 20)
            #expect(try await failures.count(username: "a", since: now) == 2)
            #expect(try await failures.count(remoteAddress: "1.1.1.1", since: now) == 2)
            #expect(try await failures.count(username: "a", remoteAddress: "1.1.1.1", since: now) == 1)
            #expect(try await failures.count(username: "a", since: now + 5) == 1)
            #expect(try await failures.count(remoteAddress: "1.1.1.1", since: now + 5) == 1)
            let right = try await failures.record(username: "b", remoteAddress: "3.3.3.3", at: now + 25)
            try await failures.forget(id: right)
            #expect(try await failures.count(username: "b", since: now) == 1)
            try await failures.clear(username: "a")
            #expect(try await failures.count(username: "a", since: now) == 0)
            #expect(try await failures.deleteOlder(than: now + 30) == 1)
        }
    }
}
