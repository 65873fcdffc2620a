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
                        subject: minute % 2 == 0 ? "users" : "users/7", provinceCode: minute == 0 ? "01" : nil, requestID: "r\(minute)", remoteAddress: "10.0.0.\(minute)",
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
            #expect(try await log.list(subject: "users/7", limit: 10).map(\.requestID) == ["r3", "r1"], "an account's history: its entries only, newest first")
            #expect(try await log.deleteOlder(than: now + 120) == 2)
            #expect(try await log.list(beforeID: nil, limit: 10).count == 3)
        }
    }

    @Test("attempts are counted per name, per address, and per name from one address; a right one is forgotten", arguments: TestEngine.available)
    func loginFailures(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let failures = AttemptRepository(database: database)
            _ = try await failures.attempt(name: "a", remoteAddress: "1.1.1.1", at: now, since: now)
            _ = try await failures.attempt(name: "a", remoteAddress: "2.2.2.2", at: now + 10, since: now)
            let third = try await failures.attempt(name: "b", remoteAddress: "1.1.1.1", at: now + 20, since: now)
            #expect(third.byName == 1 && third.byAddress == 2 && third.byNameAndAddress == 1, "each counts itself")
            let fourth = try await failures.attempt(name: "a", remoteAddress: "1.1.1.1", at: now + 25, since: now + 5)
            #expect(fourth.byName == 2 && fourth.byAddress == 2 && fourth.byNameAndAddress == 1, "the first is out of the window")
            try await failures.forget(id: fourth.id)
            #expect(try await failures.attempt(name: "a", remoteAddress: "9.9.9.9", at: now + 26, since: now).byName == 3, "a right one is forgotten")
            try await failures.clear(name: "a")
            #expect(try await failures.attempt(name: "a", remoteAddress: "9.9.9.9", at: now + 27, since: now).byName == 1)
            #expect(try await failures.deleteOlder(than: now + 26) == 1)
        }
    }
}
