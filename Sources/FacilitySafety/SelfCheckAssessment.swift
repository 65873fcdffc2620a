/// What a day's self-check says about a facility, scored as Decision 2194/QĐ-BCĐQG does: the risk
/// percentage is 100 × (weights of the items not done) / (all weights), rounded half up.
public struct SelfCheckAssessment: Sendable, Equatable {
    /// The risk percentage, 0 (everything done) to 100 (nothing done).
    public var score: Int
    public var riskLevel: RiskLevel
    public var status: SafetyStatus
    /// Every item not done, in the checklist's order.
    public var reasons: [String]

    /// Scores `answers` (item id → done) against `checklist`; an answer set that is not exactly
    /// the checklist's items throws one problem per item.
    public init(checklist: SafetyChecklist, answers: [String: Bool]) throws(AnswerMismatch) {
        let itemIDs = Set(checklist.items.map(\.id))
        var problems: [AnswerMismatch.Item] = []
        for item in checklist.items where answers[item.id] == nil {
            problems.append(.init(itemID: item.id, message: "is not answered"))
        }
        for id in answers.keys.sorted() where !itemIDs.contains(id) {
            problems.append(.init(itemID: id, message: "is not an item of checklist \(checklist.id) version \(checklist.version)"))
        }
        guard problems.isEmpty else { throw AnswerMismatch(items: problems) }
        let missed = checklist.items.filter { answers[$0.id] == false }
        let missedWeight = missed.reduce(0) { $0 + $1.weight }
        score = Self.percentage(missedWeight, of: checklist.totalWeight)
        riskLevel = RiskLevel(percentage: score)
        status = SafetyStatus(riskLevel: riskLevel, criticalItemMissed: missed.contains(where: \.critical))
        reasons = missed.map(\.id)
    }

    /// 100 × part / whole as a whole number, halves rounded up, in integers only.
    static func percentage(_ part: Int, of whole: Int) -> Int {
        (200 * part + whole) / (2 * whole)
    }
}

/// Answers that do not match the checklist they claim to answer.
public struct AnswerMismatch: Error, Sendable, Equatable {
    /// One item missing from or foreign to the answers.
    public struct Item: Sendable, Equatable {
        public var itemID: String
        public var message: String

        public init(itemID: String, message: String) {
            self.itemID = itemID
            self.message = message
        }
    }

    public var items: [Item]

    public init(items: [Item]) {
        self.items = items
    }
}
