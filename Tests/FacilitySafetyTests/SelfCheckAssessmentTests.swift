import CovizoneCore
import FacilitySafety
import PropertyBased
import Testing

@Suite("Self-check scoring")
struct SelfCheckAssessmentTests {
    /// A checklist of `weights`, the first item critical when `criticalFirst`.
    static func checklist(_ weights: [Int], criticalFirst: Bool = false) throws -> SafetyChecklist {
        try SafetyChecklist(
            id: "test", version: 1, title: LocalizedText(vi: "Thử", en: "Test"), source: "tests", facilityTypes: [.other],
            items: weights.enumerated().map { index, weight in
                SafetyChecklist.Item(
                    id: "item-\(index)", text: LocalizedText(vi: "Mục \(index)", en: "Item \(index)"), weight: weight, critical: criticalFirst && index == 0,
                    source: "tests"
                )
            }
        )
    }

    static func answers(_ checklist: SafetyChecklist, missed: Set<Int>) -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: checklist.items.enumerated().map { ($1.id, !missed.contains($0)) })
    }

    @Test("the risk percentage is the share of weight not done, halves rounded up")
    func percentage() throws {
        let checklist = try Self.checklist([1, 7])  // total 8: missing 1 is 12.5 %
        #expect(try SelfCheckAssessment(checklist: checklist, answers: Self.answers(checklist, missed: [0])).score == 13)
        #expect(try SelfCheckAssessment(checklist: checklist, answers: Self.answers(checklist, missed: [1])).score == 88)  // 87.5
        #expect(try SelfCheckAssessment(checklist: checklist, answers: Self.answers(checklist, missed: [])).score == 0)
        #expect(try SelfCheckAssessment(checklist: checklist, answers: Self.answers(checklist, missed: [0, 1])).score == 100)
        let thirds = try Self.checklist([1, 1, 1])
        #expect(try SelfCheckAssessment(checklist: thirds, answers: Self.answers(thirds, missed: [0])).score == 33)
        #expect(try SelfCheckAssessment(checklist: thirds, answers: Self.answers(thirds, missed: [0, 1])).score == 67)
    }

    @Test("the bands of Decision 2194 at their edges")
    func bands() {
        let expected: [(Int, RiskLevel)] = [(0, .veryLow), (15, .veryLow), (16, .low), (30, .low), (31, .medium), (50, .medium), (51, .high), (80, .high), (81, .veryHigh), (100, .veryHigh)]
        for (percentage, level) in expected { #expect(RiskLevel(percentage: percentage) == level, "\(percentage) %") }
    }

    @Test("colours: green to low risk, yellow for medium, red for high or a critical item not done")
    func statuses() throws {
        let checklist = try Self.checklist([10, 20, 30, 40], criticalFirst: true)
        let mediumOnly = try SelfCheckAssessment(checklist: checklist, answers: Self.answers(checklist, missed: [3]))
        #expect(mediumOnly.riskLevel == .medium && mediumOnly.status == .someRisk)
        let lowButCritical = try SelfCheckAssessment(checklist: checklist, answers: Self.answers(checklist, missed: [0]))
        #expect(lowButCritical.riskLevel == .veryLow)
        #expect(lowButCritical.status == .unsafe)
        #expect(lowButCritical.reasons == ["item-0"])
        let high = try SelfCheckAssessment(checklist: checklist, answers: Self.answers(checklist, missed: [2, 3]))
        #expect(high.status == .unsafe && high.reasons == ["item-2", "item-3"])
        let low = try SelfCheckAssessment(checklist: checklist, answers: Self.answers(checklist, missed: [1]))
        #expect(low.riskLevel == .low && low.status == .safe)
    }

    @Test("answers that are not exactly the checklist's items name each item")
    func mismatch() throws {
        let checklist = try Self.checklist([5, 5, 5])
        #expect(throws: AnswerMismatch(items: [.init(itemID: "item-2", message: "is not answered"), .init(itemID: "masks", message: "is not an item of checklist test version 1")])) {
            try SelfCheckAssessment(checklist: checklist, answers: ["item-0": true, "item-1": false, "masks": true])
        }
    }

    @Test("any answers: the score stays in 0…100 and red means a critical miss or high risk")
    func property() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1...50).array(of: 1...12), Gen.bool.array(of: 12)) { weights, done in
            let checklist = try Self.checklist(weights, criticalFirst: true)
            let answers = Dictionary(uniqueKeysWithValues: checklist.items.enumerated().map { ($1.id, done[$0]) })
            let assessment = try SelfCheckAssessment(checklist: checklist, answers: answers)
            #expect((0...100).contains(assessment.score))
            #expect((assessment.status == .unsafe) == (!done[0] || assessment.riskLevel >= .high))
            #expect(assessment.reasons.count == done.prefix(weights.count).filter { !$0 }.count)
        }
    }

    @Test("the map's colour: red while an alert stands, grey when today has no self-check")
    func standing() {
        #expect(SafetyStatus.standing(latest: .safe, reportedOnDay: 10, today: 10, alerted: false) == .safe)
        #expect(SafetyStatus.standing(latest: .safe, reportedOnDay: 9, today: 10, alerted: false) == .notReported)
        #expect(SafetyStatus.standing(latest: nil, reportedOnDay: nil, today: 10, alerted: false) == .notReported)
        #expect(SafetyStatus.standing(latest: .safe, reportedOnDay: 10, today: 10, alerted: true) == .unsafe)
        #expect(SafetyStatus.standing(latest: nil, reportedOnDay: nil, today: 10, alerted: true) == .unsafe)
    }
}
