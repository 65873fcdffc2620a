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

    @Test("failed logins are counted per account and per address", arguments: TestEngine.available)
    func loginFailures(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let failures = LoginFailureRepository(database: database)
            try await failures.record(username: "a", remoteAddress: "1.1.1.1", at: now)
            try await failures.record(username: "a", remoteAddress: "2.2.2.2", at: now + 10)
            try await failures.record(username: "b", remoteAddress: "1.1.1.1", at: now + 20)
            let counts = try await failures.counts(username: "a", remoteAddress: "1.1.1.1", since: now)
            #expect(counts.account == 2)
            #expect(counts.address == 2)
            let recent = try await failures.counts(username: "a", remoteAddress: "1.1.1.1", since: now + 5)
            #expect(recent.account == 1)
            #expect(recent.address == 1)
            try await failures.clear(username: "a")
            #expect(try await failures.counts(username: "a", remoteAddress: "9.9.9.9", since: now).account == 0)
            #expect(try await failures.deleteOlder(than: now + 30) == 1)
        }
    }
}
