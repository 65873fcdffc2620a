/// When a question is asked, or a triage rule applies: a test on one answer, or all / any of
/// several conditions. In JSON:
/// `{"question": "transport", "equals": "air"}`, `{"question": "symptoms", "includesAny": ["fever", "cough"]}`,
/// `{"question": "contact_case", "equals": true}`, `{"all": [...]}`, `{"any": [...]}`.
public struct AnswerCondition: Codable, Sendable, Equatable {
    /// The question whose answer is tested.
    public var question: String?
    /// Met when the answer is exactly this.
    public var equals: AnswerValue?
    /// Met when the answer (a text or a list) holds at least one of these values.
    public var includesAny: [String]?
    /// Met when every one of these is.
    public var all: [AnswerCondition]?
    /// Met when at least one of these is.
    public var any: [AnswerCondition]?

    public init(
        question: String? = nil, equals: AnswerValue? = nil, includesAny: [String]? = nil, all: [AnswerCondition]? = nil,
        any: [AnswerCondition]? = nil
    ) {
        self.question = question
        self.equals = equals
        self.includesAny = includesAny
        self.all = all
        self.any = any
    }

    /// True when `answers` meet every test this condition holds (an unanswered question meets none).
    public func isMet(by answers: [String: AnswerValue]) -> Bool {
        if let all, !all.allSatisfy({ $0.isMet(by: answers) }) { return false }
        if let any, !any.contains(where: { $0.isMet(by: answers) }) { return false }
        guard let question else { return true }
        guard let answer = answers[question] else { return false }
        if let equals, answer != equals { return false }
        if let includesAny, Set(answer.strings).isDisjoint(with: includesAny) { return false }
        return true
    }

    /// The questions this condition reads, for checking a questionnaire's references.
    var questionsRead: [String] {
        [question].compactMap { $0 } + (all ?? []).flatMap(\.questionsRead) + (any ?? []).flatMap(\.questionsRead)
    }

    /// True when the condition tests something (an empty one would always be met).
    var isMeaningful: Bool {
        (question != nil && (equals != nil || includesAny != nil)) || !(all ?? []).isEmpty || !(any ?? []).isEmpty
    }
}
