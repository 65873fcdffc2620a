import CovizoneCore
import Foundation

/// What checking answers needs to know beyond the questionnaire.
public struct AnswerContext: Sendable {
    /// Today in Vietnam, as a day number since 1970-01-01 (``VietnamDay``).
    public var today: Int
    /// True when a province and ward codes name a real ward of that province.
    public var placeExists: @Sendable (_ province: String, _ ward: String) -> Bool

    public init(today: Int, placeExists: @escaping @Sendable (_ province: String, _ ward: String) -> Bool) {
        self.today = today
        self.placeExists = placeExists
    }

    /// Today in Vietnam at `now`, with the places of `divisions`.
    public init(now: Date, divisions: AdministrativeDivisions) {
        self.init(today: VietnamDay.number(of: now)) { province, ward in divisions.contains(ward: ward, inProvince: province) }
    }
}

extension Questionnaire {
    /// The answers as they are stored: every answer checked against its question, normalised
    /// (texts trimmed, codes upper-case, phone numbers in E.164), answers to questions that were
    /// not asked dropped. Throws every problem at once.
    public func validate(_ answers: [String: AnswerValue], context: AnswerContext) throws(DeclarationInvalid) -> [String: AnswerValue] {
        var problems: [AnswerProblem] = []
        let known = Set(questions.map(\.id))
        for id in answers.keys.sorted() where !known.contains(id) {
            problems.append(AnswerProblem(field: id, code: "unknown_question", message: LocalizedText(vi: "Không có câu hỏi này.", en: "There is no such question.")))
        }
        var accepted: [String: AnswerValue] = [:]
        for question in questions where question.showIf?.isMet(by: accepted) ?? true {
            guard let answer = answers[question.id], !answer.isBlank else {
                if question.required { problems.append(question.problem("required", vi: "Cần trả lời câu này.", en: "This answer is required.")) }
                continue
            }
            switch question.check(answer, accepted: accepted, context: context) {
            case .success(let value): accepted[question.id] = value
            case .failure(let problem): problems.append(problem)
            }
        }
        guard problems.isEmpty else { throw DeclarationInvalid(problems: problems) }
        return accepted
    }
}

extension AnswerValue {
    /// An empty text or list counts as no answer.
    var isBlank: Bool {
        switch self {
        case .text(let text): text.allSatisfy(\.isWhitespace)
        case .list(let list): list.isEmpty
        case .flag, .place: false
        }
    }
}
