import CovizoneCore
import Foundation

/// How urgently health authorities should follow a declaration up.
public enum RiskLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Versioned triage rules for one questionnaire, kept as data: answers → a risk level and the
/// reasons for it. The level is the highest of the rules that apply; low when none does.
public struct TriageRules: Codable, Sendable, Equatable {
    /// The questionnaire these rules read (its id; they apply to every version that has the questions).
    public var questionnaire: String
    public var version: Int
    public var rules: [TriageRule]

    public init(questionnaire: String, version: Int, rules: [TriageRule]) {
        self.questionnaire = questionnaire
        self.version = version
        self.rules = rules
    }

    /// Reads rules and checks them against the questionnaire they name.
    public static func load(from json: Data, for questionnaire: Questionnaire) throws -> TriageRules {
        let rules = try JSONDecoder().decode(TriageRules.self, from: json)
        try rules.checkConsistency(with: questionnaire)
        return rules
    }

    /// Throws when the rules name another questionnaire, repeat an id, or read unknown questions.
    public func checkConsistency(with questionnaire: Questionnaire) throws(QuestionnaireDefect) {
        guard self.questionnaire == questionnaire.id else {
            throw .invalid("triage rules for '\(self.questionnaire)' do not fit questionnaire '\(questionnaire.id)'")
        }
        let known = Set(questionnaire.questions.map(\.id))
        var ids: Set<String> = []
        for rule in rules {
            guard ids.insert(rule.id).inserted else { throw .invalid("triage rule id '\(rule.id)' is repeated") }
            guard rule.when.isMeaningful else { throw .invalid("triage rule '\(rule.id)' has an empty condition") }
            for read in rule.when.questionsRead where !known.contains(read) {
                throw .invalid("triage rule '\(rule.id)' reads '\(read)', which the questionnaire does not ask")
            }
        }
    }

    /// The risk of a declaration's (validated) answers and the rules that gave it.
    public func assess(_ answers: [String: AnswerValue]) -> TriageResult {
        let applying = rules.filter { $0.when.isMet(by: answers) }
        return TriageResult(level: applying.map(\.level).max() ?? .low, reasons: applying.map { TriageReason(rule: $0.id, text: $0.reason) })
    }
}

/// One rule: when its condition holds, the declaration is at least at `level`, for `reason`.
public struct TriageRule: Codable, Sendable, Equatable {
    public var id: String
    public var when: AnswerCondition
    public var level: RiskLevel
    public var reason: LocalizedText

    public init(id: String, when: AnswerCondition, level: RiskLevel, reason: LocalizedText) {
        self.id = id
        self.when = when
        self.level = level
        self.reason = reason
    }
}

/// The outcome of triage, with the reasons shown to the officer.
public struct TriageResult: Codable, Sendable, Equatable {
    public var level: RiskLevel
    public var reasons: [TriageReason]

    public init(level: RiskLevel, reasons: [TriageReason]) {
        self.level = level
        self.reasons = reasons
    }
}

/// A rule that applied.
public struct TriageReason: Codable, Sendable, Equatable {
    public var rule: String
    public var text: LocalizedText

    public init(rule: String, text: LocalizedText) {
        self.rule = rule
        self.text = text
    }
}
