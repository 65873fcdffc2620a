import HealthDeclaration
import Testing

@Suite("Triage")
struct TriageTests {
    func assess(_ questionnaire: Questionnaire, _ answers: [String: AnswerValue]) throws -> TriageResult {
        try #require(Fixtures.catalog.triage[questionnaire.id]).assess(try questionnaire.validate(answers, context: Fixtures.context))
    }

    @Test("a healthy traveller is low risk, with no reasons")
    func healthy() throws {
        #expect(try assess(Fixtures.entry, Fixtures.traveller) == TriageResult(level: .low, reasons: []))
    }

    @Test("the level is the highest rule that applies; every applying rule is a reason", arguments: [
        (["symptoms": AnswerValue.list(["vomiting"])], RiskLevel.medium, ["other-symptoms"]),
        (["symptoms": .list(["fever", "rash"])], .high, ["respiratory-symptoms", "other-symptoms"]),
        (["contact_case": .flag(true)], .high, ["contact-with-case"]),
        (["live_animal_market": .flag(true), "contact_affected_country": .flag(true)], .medium, ["contact-affected-country", "live-animal-market"]),
    ])
    func entryRules(changes: [String: AnswerValue], level: RiskLevel, reasons: [String]) throws {
        let result = try assess(Fixtures.entry, Fixtures.traveller.merging(changes) { $1 })
        #expect(result.level == level)
        #expect(result.reasons.map(\.rule) == reasons)
        #expect(result.reasons.allSatisfy { !$0.text.vi.isEmpty && !$0.text.en.isEmpty })
    }

    @Test("voluntary: respiratory symptoms are medium alone and high after travel or contact")
    func voluntaryRules() throws {
        var ill = Fixtures.member
        ill["symptoms"] = .list(["cough"])
        ill["symptom_onset"] = .text("2026-11-25")
        #expect(try assess(Fixtures.voluntary, ill).level == .medium)
        ill["travelled"] = .flag(true)
        ill["travel_places"] = .text("TP. Hồ Chí Minh")
        let result = try assess(Fixtures.voluntary, ill)
        #expect(result.level == .high)
        #expect(result.reasons.map(\.rule) == ["symptoms-after-exposure", "respiratory-symptoms"])
        #expect(RiskLevel.low < RiskLevel.medium && RiskLevel.medium < RiskLevel.high)
    }
}
