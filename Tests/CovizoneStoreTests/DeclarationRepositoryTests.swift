import CovizoneStore
import CovizoneTestSupport
import Foundation
import NIOConcurrencyHelpers
import Testing

@Suite("DeclarationRepository")
struct DeclarationRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func content(_ answers: String, risk: String = "low", province: String? = "01") -> DeclarationContent {
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
                kind: "entry", questionnaireID: "entry", content: content(#"{"a":1}"#), amendTokenHash: secret, at: now, makeCode: { "ABCD2345" }
            )
            #expect(created.code == "ABCD2345" && created.revision == 1)
            #expect(try await declarations.find(kind: "entry", code: "ABCD2345") == created)
            #expect(try await declarations.find(kind: "voluntary", code: "ABCD2345") == nil, "codes are looked up within their kind")

            #expect(try await declarations.amend(code: "ABCD2345", amendTokenHash: Data(repeating: 8, count: 32), content: content("{}"), at: now) == nil)
            let amended = try #require(
                try await declarations.amend(code: "ABCD2345", amendTokenHash: secret, content: content(#"{"a":2}"#, risk: "high", province: "79"), at: now + 60)
            )
            #expect(amended.revision == 2 && amended.content.riskLevel == "high" && amended.content.provinceCode == "79")
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
            _ = try await declarations.create(kind: "entry", questionnaireID: "entry", content: content("{}"), amendTokenHash: nil, at: now) { "AAAA1111" }
            let draws = NIOLockedValueBox(["AAAA1111", "BBBB2222"])
            let second = try await declarations.create(kind: "entry", questionnaireID: "entry", content: content("{}"), amendTokenHash: nil, at: now) {
                draws.withLockedValue { $0.removeFirst() }
            }
            #expect(second.code == "BBBB2222")
        }
    }

    @Test("retention deletes old declarations of one kind with their history", arguments: TestEngine.available)
    func retention(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let declarations = DeclarationRepository(database: database)
            let old = try await declarations.create(kind: "entry", questionnaireID: "entry", content: content("{}"), amendTokenHash: nil, at: now) { "OLD00001" }
            _ = try await declarations.create(kind: "voluntary", questionnaireID: "voluntary", content: content("{}"), amendTokenHash: nil, at: now) { "OLD00002" }
            _ = try await declarations.create(kind: "entry", questionnaireID: "entry", content: content("{}"), amendTokenHash: nil, at: now + 86_400) { "NEW00001" }
            #expect(try await declarations.deleteOlder(kind: "entry", than: now + 3600) == 1)
            #expect(try await declarations.find(kind: "entry", code: "OLD00001") == nil)
            #expect(try await declarations.revisions(of: old.id).isEmpty)
            #expect(try await declarations.find(kind: "voluntary", code: "OLD00002") != nil, "other kinds keep their own retention")
            #expect(try await declarations.find(kind: "entry", code: "NEW00001") != nil)
        }
    }
}
