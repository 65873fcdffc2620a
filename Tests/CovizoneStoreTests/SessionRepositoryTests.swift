import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Testing

@Suite("SessionRepository")
struct SessionRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("sessions are found by hash and kind until they expire", arguments: TestEngine.available)
    func findActive(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let user = try await UserRepository(database: database)
                .create(username: "mai", passwordHash: "h", role: .venueOwner, provinceCode: "01", at: now)
            let sessions = SessionRepository(database: database)
            let web = Data(repeating: 1, count: 32)
            try await sessions.create(tokenHash: web, userID: user.id, kind: .web, csrfToken: "csrf", at: now, expiresAt: now + 600)
            let found = try #require(try await sessions.findActive(tokenHash: web, kind: .web, at: now + 599))
            #expect(found.0.csrfToken == "csrf")
            #expect(found.0.kind == .web)
            #expect(found.1 == user)
            #expect(try await sessions.findActive(tokenHash: web, kind: .api, at: now) == nil, "a web session is not a bearer token")
            #expect(try await sessions.findActive(tokenHash: web, kind: .web, at: now + 600) == nil, "expired")
            #expect(try await sessions.findActive(tokenHash: Data(repeating: 2, count: 32), kind: .web, at: now) == nil)
            try await sessions.delete(tokenHash: web)
            #expect(try await sessions.findActive(tokenHash: web, kind: .web, at: now) == nil)
        }
    }

    @Test("the purge deletes only expired sessions", arguments: TestEngine.available)
    func purgeExpired(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let user = try await UserRepository(database: database)
                .create(username: "binh", passwordHash: "h", role: .ministryAdmin, provinceCode: nil, at: now)
            let sessions = SessionRepository(database: database)
            let old = Data(repeating: 3, count: 32)
            let fresh = Data(repeating: 4, count: 32)
            try await sessions.create(tokenHash: old, userID: user.id, kind: .api, csrfToken: nil, at: now, expiresAt: now + 10)
            try await sessions.create(tokenHash: fresh, userID: user.id, kind: .api, csrfToken: nil, at: now, expiresAt: now + 1000)
            #expect(try await sessions.deleteExpired(at: now + 100) == 1)
            #expect(try await sessions.findActive(tokenHash: fresh, kind: .api, at: now + 100) != nil)
        }
    }
}
