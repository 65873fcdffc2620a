import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import Testing

@Suite("UserRepository")
struct UserRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("create, find and refuse duplicates", arguments: TestEngine.available)
    func createAndFind(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let users = UserRepository(database: database)
            let created = try await users.create(username: "lan", passwordHash: "h1", role: .provinceOfficer, provinceCode: "01", at: now)
            #expect(created.username == "lan")
            #expect(created.scope == AccountScope(role: .provinceOfficer, provinceCode: "01"))
            #expect(created.createdAt == now)
            let found = try await users.find(username: "lan")
            #expect(found == created)
            #expect(try await users.find(id: created.id) == created)
            #expect(try await users.find(username: "nobody") == nil)
            await #expect(throws: StoreError.duplicate("account lan")) {
                try await users.create(username: "lan", passwordHash: "h2", role: .ministryAdmin, provinceCode: nil, at: now)
            }
            #expect(try await users.count() == 1)
        }
    }

    @Test("list filters by province and pages by id", arguments: TestEngine.available)
    func listAndPage(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let users = UserRepository(database: database)
            for index in 1...5 {
                try await users.create(username: "hn\(index)", passwordHash: "h", role: .reportingUnit, provinceCode: "01", at: now)
            }
            try await users.create(username: "hcm", passwordHash: "h", role: .reportingUnit, provinceCode: "79", at: now)
            let firstPage = try await users.list(provinceCode: "01", afterID: nil, limit: 3)
            #expect(firstPage.map(\.username) == ["hn1", "hn2", "hn3"])
            let secondPage = try await users.list(provinceCode: "01", afterID: firstPage.last?.id, limit: 3)
            #expect(secondPage.map(\.username) == ["hn4", "hn5"])
            #expect(try await users.list(provinceCode: nil, afterID: nil, limit: 100).count == 6)
            #expect(try await users.list(provinceCode: "79", afterID: nil, limit: 100).map(\.username) == ["hcm"])
        }
    }

    @Test("changing a password ends the account's sessions", arguments: TestEngine.available)
    func passwordChangeEndsSessions(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let users = UserRepository(database: database)
            let sessions = SessionRepository(database: database)
            let user = try await users.create(username: "an", passwordHash: "old", role: .healthAuthority, provinceCode: nil, at: now)
            let hash = Data(repeating: 7, count: 32)
            try await sessions.create(tokenHash: hash, userID: user.id, kind: .api, csrfToken: nil, at: now, expiresAt: now + 3600)
            #expect(try await sessions.findActive(tokenHash: hash, kind: .api, at: now) != nil)
            try await users.setPasswordHash(username: "an", passwordHash: "new", at: now + 60)
            #expect(try await users.find(username: "an")?.passwordHash == "new")
            #expect(try await users.find(username: "an")?.passwordChangedAt == now + 60)
            #expect(try await sessions.findActive(tokenHash: hash, kind: .api, at: now) == nil)
            await #expect(throws: StoreError.notFound("account ghost")) {
                try await users.setPasswordHash(username: "ghost", passwordHash: "x", at: now)
            }
        }
    }

    @Test("accounts survive a restart", arguments: TestEngine.available)
    func survivesRestart(engine: TestEngine) async throws {
        try await withStore(engine) { store in
        let first = try await store.open()
        try await UserRepository(database: first).create(username: "kept", passwordHash: "h", role: .borderOfficer, provinceCode: "37", at: now)
        try await first.shutdown()
        let second = try await store.open()
        #expect(try await UserRepository(database: second).find(username: "kept")?.provinceCode == "37")
        try await second.shutdown()
        }
    }
}
