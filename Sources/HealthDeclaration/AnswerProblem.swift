import CovizoneCore

/// What is wrong with one answer: the question id, a stable code and a message in both languages.
public struct AnswerProblem: Error, Sendable, Equatable {
    /// The question id the problem belongs to (the form shows it next to that field).
    public var field: String
    public var code: String
    public var message: LocalizedText

    public init(field: String, code: String, message: LocalizedText) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// Answers that do not fit their questionnaire, with every problem found.
public struct DeclarationInvalid: Error, Sendable, Equatable {
    public var problems: [AnswerProblem]

    public init(problems: [AnswerProblem]) {
        self.problems = problems
    }
}
