import CovizoneCore
import HealthDeclaration

/// Why a declaration cannot be taken, shown or followed up.
enum DeclarationError: Error, Equatable {
    /// No declaration of the kind with this code, or one this account may not read (alike).
    case notFound
    case unknownQuestionnaire(String)
    /// Answers that break the questionnaire's rules, each problem in `language`, its field
    /// named `answers.QUESTION`.
    case invalidAnswers([FieldError], language: Language)
    /// A province-bound account asked for another province's worklist.
    case outsideProvince(own: String)

    /// The question ids and problems of ``invalidAnswers(_:language:)`` (empty for other errors).
    var answerProblems: [String: String] {
        guard case .invalidAnswers(let problems, _) = self else { return [:] }
        return Dictionary(problems.map { (String($0.field.dropFirst("answers.".count)), $0.message) }, uniquingKeysWith: { first, _ in first })
    }
}
