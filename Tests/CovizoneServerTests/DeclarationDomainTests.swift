@testable import CovizoneServer
import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HealthDeclaration
import Testing

@Suite("The declaration domain's services, without HTTP")
struct DeclarationDomainTests {
    /// Voluntary answers of someone without symptoms who met nobody ill and went nowhere.
    static let well: [String: AnswerValue] = [
        "travelled": .flag(false), "symptoms": .list([]), "contact_case": .flag(false), "contact_symptomatic": .flag(false),
        "contact_affected_area": .flag(false),
    ]

    @Test("a household proves its phone, adds a member, gives its address, and the member's update reaches the province's worklist with whom to call", arguments: TestEngine.available)
    func householdToWorklist(engine: TestEngine) async throws {
        try await DeclarationDomainFixture.run(engine: engine) { fixture in
            let households = fixture.domain.households
            let started = try await households.startVerification(phone: "0912 345 678", from: "192.0.2.1")
            #expect(started.phone == "+84912345678")
            await #expect(throws: HouseholdError.wrongCode) { try await households.signIn(phone: "0912345678", code: "000000x") }
            let code = try await fixture.lastCode(to: "+84912345678")
            let signedIn = try await households.signIn(phone: "0912345678", code: code)
            #expect(try await households.household(token: signedIn.token) == signedIn.household)
            await #expect(throws: HouseholdError.notSignedIn) { try await households.household(token: "not-a-token") }

            let member = try await households.addMember(
                fullName: "  Lê   Thị Hoa ", birthYear: 1950, sex: "female", relation: "parent", idNumber: nil, to: signedIn.household
            )
            #expect(member.fullName == "Lê Thị Hoa" && member.sex == .female && member.relation == .parent)
            await #expect(throws: HouseholdError.addressRequired) {
                try await households.declare(for: member, of: signedIn.household, answers: Self.well, language: .vi)
            }
            let placed = try await households.setAddress(of: signedIn.household, provinceCode: "1", wardCode: "70", street: "12  Hàng Bạc", reminderHour: 20)
            #expect(placed.provinceCode == "01" && placed.wardCode == "00070" && placed.street == "12 Hàng Bạc")
            let submitted = try await households.declare(for: member, of: placed, answers: Self.well, language: .vi)
            #expect(submitted.record.kind == .voluntary && submitted.record.content.provinceCode == "01")

            let health = try await fixture.accounts.principal("health-01", role: .healthAuthority, province: "01")
            let entries = try await fixture.domain.declarations.worklist(
                WorklistFilter(kind: .voluntary, provinceCode: "01"), beforeID: nil, limit: 10, caller: fixture.accounts.caller(health)
            )
            #expect(entries.map(\.record.code) == [submitted.record.code])
            #expect(entries.first?.name == "Lê Thị Hoa" && entries.first?.phone == "+84912345678", "the household's phone, for a member without one")
            let followUp = try await fixture.domain.declarations.followUp(
                kind: .voluntary, code: submitted.record.code, entry: try FollowUpEntry(status: "contacted", note: " Gọi lúc 9 giờ "), by: health,
                caller: fixture.accounts.caller(health)
            )
            #expect(followUp.status == .contacted && followUp.note == "Gọi lúc 9 giờ")
            let dossier = try await fixture.domain.declarations.read(kind: .voluntary, code: submitted.record.code, for: health, caller: fixture.accounts.caller(health))
            #expect(dossier.record.followUpStatus == .contacted && dossier.contact?.name == "Lê Thị Hoa")
            #expect(try await fixture.accounts.audit.list(beforeID: nil, limit: 1).first?.action == "declarations.voluntary.read")
        }
    }

    @Test("codes to one phone stop at five an hour; answers that break the questionnaire name each question in the asker's language", arguments: TestEngine.available)
    func limitsAndAnswers(engine: TestEngine) async throws {
        try await DeclarationDomainFixture.run(engine: engine) { fixture in
            for _ in 0..<HouseholdService.codesPerHour { _ = try await fixture.domain.households.startVerification(phone: "0987654321", from: "192.0.2.2") }
            await #expect(throws: HouseholdError.tooManyCodesForPhone) {
                try await fixture.domain.households.startVerification(phone: "0987654321", from: "192.0.2.3")
            }
            do {
                _ = try await fixture.domain.declarations.submit(kind: .entry, answers: ["full_name": .text("")], language: .en)
                Issue.record("an empty entry declaration was taken")
            } catch let error as DeclarationError {
                guard case .invalidAnswers(_, let language) = error else { throw error }
                #expect(language == .en)
                #expect(!error.answerProblems.isEmpty && error.answerProblems.keys.allSatisfy { !$0.hasPrefix("answers.") })
            }
            let other = try await fixture.accounts.principal("health-79", role: .healthAuthority, province: "79")
            #expect(throws: DeclarationError.outsideProvince(own: "79")) {
                try WorklistQuery(parameters: ["province": "01"], principal: other, divisions: try AdministrativeDivisions.bundled())
            }
        }
    }
}
