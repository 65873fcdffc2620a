import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HealthDeclaration
import NIOConcurrencyHelpers
import Testing

@Suite("DeclarationRepository")
struct DeclarationRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func content(_ answers: String, risk: RiskLevel = .low, province: String? = "01") -> DeclarationContent {
        DeclarationContent(
            questionnaireVersion: 1, answersJSON: answers, riskLevel: risk, riskReasonsJSON: "[]", provinceCode: province, wardCode: province.map { _ in "00070" }
        )
    }

    @Test("a declaration is stored under its code; an amendment needs the secret and keeps the history", arguments: TestEngine.available)
    func amendments(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let declarations = DeclarationRepository(database: database)
            let secret = Data(repeating: 7, count: 32)
            let created = try await declarations.create(
                kind: .entry, questionnaireID: "entry", content: content(#"{"a":1}"#), amendTokenHash: secret, at: now, makeCode: { "ABCD2345" }
            )
            #expect(created.code == "ABCD2345" && created.revision == 1)
            #expect(try await declarations.find(kind: .entry, code: "ABCD2345") == created)
            #expect(try await declarations.find(kind: .voluntary, code: "ABCD2345") == nil, "codes are looked up within their kind")

            #expect(try await declarations.amend(code: "ABCD2345", amendTokenHash: Data(repeating: 8, count: 32), content: content("{}"), at: now) == nil)
            let amended = try #require(
                try await declarations.amend(code: "ABCD2345", amendTokenHash: secret, content: content(#"{"a":2}"#, risk: .high, province: "79"), at: now + 60)
            )
            #expect(amended.revision == 2 && amended.content.riskLevel == .high && amended.content.provinceCode == "79")
            #expect(amended.submittedAt == now && amended.updatedAt == now + 60)
            let history = try await declarations.revisions(of: created.id)
            #expect(history.map(\.revision) == [1, 2])
            #expect(history.map(\.answersJSON) == [#"{"a":1}"#, #"{"a":2}"#])
        }
    }

    @Test("a code already taken is drawn again", arguments: TestEngine.available)
    func codeCollision(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let declarations = DeclarationRepository(database: database)
            _ = try await declarations.create(kind: .entry, questionnaireID: "entry", content: content("{}"), amendTokenHash: nil, at: now) { "AAAA1111" }
            let draws = NIOLockedValueBox(["AAAA1111", "BBBB2222"])
            let second = try await declarations.create(kind: .entry, questionnaireID: "entry", content: content("{}"), amendTokenHash: nil, at: now) {
                draws.withLockedValue { $0.removeFirst() }
            }
            #expect(second.code == "BBBB2222")
        }
    }

    @Test("retention deletes old declarations of one kind with their history", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let declarations = DeclarationRepository(database: database)
            let old = try await declarations.create(kind: .entry, questionnaireID: "entry", content: content("{}"), amendTokenHash: nil, at: now) { "OLD00001" }
            _ = try await declarations.create(kind: .voluntary, questionnaireID: "voluntary", content: content("{}"), amendTokenHash: nil, at: now) { "OLD00002" }
            _ = try await declarations.create(kind: .entry, questionnaireID: "entry", content: content("{}"), amendTokenHash: nil, at: now + 86_400) { "NEW00001" }
            #expect(try await declarations.deleteOlder(kind: .entry, than: now + 3600) == 1)
            #expect(try await declarations.find(kind: .entry, code: "OLD00001") == nil)
            #expect(try await declarations.revisions(of: old.id).isEmpty)
            #expect(try await declarations.find(kind: .voluntary, code: "OLD00002") != nil, "other kinds keep their own retention")
            #expect(try await declarations.find(kind: .entry, code: "NEW00001") != nil)
        }
    }

    @Test("worklists filter by kind, place, time, risk and follow-up status; follow-ups set the status; counts go by province, day and risk", arguments: TestEngine.available)
    func worklistAndFollowUps(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let declarations = DeclarationRepository(database: database)
            let officer = try await UserRepository(database: database).create(
                username: "doh", passwordHash: "h", role: .healthAuthority, provinceCode: "01", at: now
            )
            func add(_ code: String, risk: RiskLevel, province: String?, at time: Date) async throws -> DeclarationRecord {
                try await declarations.create(
                    kind: .entry, questionnaireID: "entry", content: content("{}", risk: risk, province: province), amendTokenHash: nil, at: time
                ) { code }
            }
            let high = try await add("HIGH0001", risk: .high, province: "01", at: now)
            _ = try await add("LOW00001", risk: .low, province: "01", at: now + 60)
            _ = try await add("HCM00001", risk: .high, province: "79", at: now + 120)
            _ = try await add("HIGH0002", risk: .high, province: "01", at: now + 86_400)

            #expect(try await declarations.worklist(WorklistFilter(provinceCode: "01"), beforeID: nil, limit: 10).map(\.code) == ["HIGH0002", "LOW00001", "HIGH0001"])
            #expect(try await declarations.worklist(WorklistFilter(riskLevel: .high), beforeID: nil, limit: 2).map(\.code) == ["HIGH0002", "HCM00001"])
            let today = WorklistFilter(provinceCode: "01", from: now, to: now + 3600, riskLevel: .high)
            #expect(try await declarations.worklist(today, beforeID: nil, limit: 10).map(\.code) == ["HIGH0001"])
            #expect(try await declarations.worklist(WorklistFilter(kind: .voluntary), beforeID: nil, limit: 10).isEmpty)
            let firstPage = try await declarations.worklist(WorklistFilter(provinceCode: "01"), beforeID: nil, limit: 2)
            #expect(try await declarations.worklist(WorklistFilter(provinceCode: "01"), beforeID: firstPage.last?.id, limit: 2).map(\.code) == ["HIGH0001"])

            let followUp = try await declarations.addFollowUp(to: high.id, status: .contacted, note: "Gọi điện, khỏe", officerID: officer.id, officer: "doh", at: now + 600)
            _ = try await declarations.addFollowUp(to: high.id, status: .isolated, note: "", officerID: officer.id, officer: "doh", at: now + 700)
            #expect(try await declarations.followUps(of: high.id).map(\.status) == [.contacted, .isolated])
            #expect(followUp.officer == "doh" && followUp.note == "Gọi điện, khỏe")
            #expect(try await declarations.find(kind: .entry, code: "HIGH0001")?.followUpStatus == .isolated)
            let fresh = WorklistFilter(provinceCode: "01", riskLevel: .high, followUpStatus: .new)
            #expect(try await declarations.worklist(fresh, beforeID: nil, limit: 10).map(\.code) == ["HIGH0002"])

            let counts = try await declarations.counts(kind: .entry, provinceCode: nil, since: now - 3600)
            let day = Int((now.timeIntervalSince1970 + 25_200) / 86_400)
            #expect(counts == [
                DeclarationCount(provinceCode: "01", day: day, riskLevel: .high, count: 1), DeclarationCount(provinceCode: "01", day: day, riskLevel: .low, count: 1),
                DeclarationCount(provinceCode: "01", day: day + 1, riskLevel: .high, count: 1), DeclarationCount(provinceCode: "79", day: day, riskLevel: .high, count: 1),
            ])
            #expect(try await declarations.counts(kind: .entry, provinceCode: "79", since: now - 3600).map(\.count) == [1])
            #expect(try await declarations.deleteOlder(kind: .entry, than: now + 3600) == 3, "follow-ups go with their declaration")
        }
    }
}


@Suite("Declarations found by a person's phone")
struct DeclarationPhoneTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("entry declarations by the phone in their answers (kept as a digest, amended too) and a household's voluntary declarations", arguments: TestEngine.available)
    func byPhone(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let declarations = DeclarationRepository(database: database)
            func content(_ phone: String) -> DeclarationContent {
                DeclarationContent(
                    questionnaireVersion: 1, answersJSON: #"{"full_name":"Trần Văn Hải","phone":"\#(phone)"}"#, riskLevel: .low, riskReasonsJSON: "[]",
                    provinceCode: "79", wardCode: nil
                )
            }
            let traveller = try await declarations.create(
                kind: .entry, questionnaireID: "entry", content: content("+84912000111"), amendTokenHash: Data([1]), at: now, makeCode: { "ENTRY-0001" }
            )
            _ = try await declarations.create(kind: .entry, questionnaireID: "entry", content: content("+84912000222"), amendTokenHash: nil, at: now, makeCode: { "ENTRY-0002" })
            let households = HouseholdRepository(database: database)
            let home = try await households.findOrCreate(phone: "+84912000111", at: now)
            let member = try await households.addMember(
                try HouseholdMemberDetails(fullName: "Trần Văn Hải", birthYear: 1980, sex: "male", relation: "self", idNumber: nil, now: now), to: home.id, at: now
            )
            let daily = try await declarations.create(
                kind: .voluntary, questionnaireID: "voluntary", content: content(""), amendTokenHash: nil, memberID: member.id, at: now, makeCode: { "VOL-0001" }
            )
            #expect(try await declarations.declarations(ofPhone: "+84912000111", limit: 10).map(\.id) == [daily.id, traveller.id])
            _ = try await declarations.amend(code: "ENTRY-0001", amendTokenHash: Data([1]), content: content("+84912000333"), at: now + 60)
            #expect(try await declarations.declarations(ofPhone: "+84912000111", limit: 10).map(\.id) == [daily.id], "the amended phone is the one found")
            #expect(try await declarations.declarations(ofPhone: "+84912000333", limit: 10).map(\.id) == [traveller.id])
        }
    }
}
