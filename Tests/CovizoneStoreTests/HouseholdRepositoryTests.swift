import CovizoneStore
import CovizoneTestSupport
import Foundation
import HealthDeclaration
import Testing

@Suite("Households, phone verification and the text outbox")
struct HouseholdRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a phone's household is created once; tokens live until they expire; members come and go", arguments: TestEngine.available)
    func households(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let households = HouseholdRepository(database: database)
            let first = try await households.findOrCreate(phone: "+84912345678", at: now)
            #expect(try await households.findOrCreate(phone: "+84912345678", at: now + 60) == first)
            let token = Data(repeating: 3, count: 32)
            try await households.addToken(hash: token, householdID: first.id, at: now, expiresAt: now + 3600)
            #expect(try await households.household(tokenHash: token, at: now + 3599) == first)
            #expect(try await households.household(tokenHash: token, at: now + 3600) == nil, "expired")
            #expect(try await households.household(tokenHash: Data(repeating: 4, count: 32), at: now) == nil)

            let placed = try await households.update(first.id, provinceCode: "01", wardCode: "00070", street: "12 Hàng Bạc", reminderHour: 20)
            #expect(placed.provinceCode == "01" && placed.reminderHour == 20)
            let mother = try await households.addMember(
                try HouseholdMemberDetails(fullName: "Lê Thị Hoa", birthYear: 1950, sex: "female", relation: "parent", idNumber: nil, now: now), to: first.id, at: now
            )
            let child = try await households.addMember(
                try HouseholdMemberDetails(fullName: "Nguyễn Minh", birthYear: 2015, sex: "male", relation: "child", idNumber: nil, now: now), to: first.id, at: now
            )
            #expect(try await households.members(of: first.id).map(\.id) == [mother.id, child.id])
            let other = try await households.findOrCreate(phone: "+84987654321", at: now)
            #expect(try await households.removeMember(mother.id, of: other.id, at: now) == false, "only one's own members")
            #expect(try await households.removeMember(mother.id, of: first.id, at: now) == true)
            #expect(try await households.members(of: first.id).map(\.fullName) == ["Nguyễn Minh"])
            #expect(try await households.deleteExpiredTokens(before: now + 7200) == 1)
        }
    }

    @Test("a one-time code verifies once, allows a few wrong tries and expires", arguments: TestEngine.available)
    func verification(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let codes = PhoneVerificationRepository(database: database)
            let phone = "+84912345678"
            let right = Data(repeating: 1, count: 32), wrong = Data(repeating: 2, count: 32)
            #expect(try await codes.verify(phone: phone, codeHash: right, at: now, maximumAttempts: 3) == .noLiveCode)
            try await codes.start(phone: phone, codeHash: right, at: now, expiresAt: now + 600)
            #expect(try await codes.verify(phone: phone, codeHash: wrong, at: now, maximumAttempts: 3) == .wrongCode)
            #expect(try await codes.verify(phone: phone, codeHash: right, at: now + 601, maximumAttempts: 3) == .noLiveCode, "expired")
            #expect(try await codes.verify(phone: phone, codeHash: right, at: now + 1, maximumAttempts: 3) == .verified)
            #expect(try await codes.verify(phone: phone, codeHash: right, at: now + 2, maximumAttempts: 3) == .noLiveCode, "used up")

            try await codes.start(phone: phone, codeHash: right, at: now, expiresAt: now + 600)
            for _ in 0..<3 { #expect(try await codes.verify(phone: phone, codeHash: wrong, at: now, maximumAttempts: 3) == .wrongCode) }
            #expect(try await codes.verify(phone: phone, codeHash: right, at: now, maximumAttempts: 3) == .noLiveCode, "too many wrong tries")
            #expect(try await codes.deleteExpired(before: now + 601) == 2)
        }
    }

    @Test("parallel guesses at one code are compared no more often than its tries allow", arguments: TestEngine.available)
    func parallelGuesses(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let codes = PhoneVerificationRepository(database: database)
            let phone = "+84912345678"
            try await codes.start(phone: phone, codeHash: Data(repeating: 1, count: 32), at: now, expiresAt: now + 600)
            let outcomes = try await withThrowingTaskGroup(of: PhoneVerificationRepository.Outcome.self) { group in
                // As many at once as the pool has connections, and more.
                for guess in 0..<10 {
                    group.addTask { try await codes.verify(phone: phone, codeHash: Data(repeating: UInt8(2 + guess), count: 32), at: now, maximumAttempts: 3) }
                }
                return try await group.reduce(into: [PhoneVerificationRepository.Outcome]()) { $0.append($1) }
            }
            #expect(outcomes.count(where: { $0 == .wrongCode }) == 3, "three tries, however many guesses arrive at once")
            #expect(outcomes.count(where: { $0 == .noLiveCode }) == 7)
        }
    }
}
