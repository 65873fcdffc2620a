import CovizoneCore
import Foundation

/// A versioned questionnaire, kept as data (JSON) so that a new epidemic changes questions
/// without changing code. Declarations store the id and version they answered.
public struct Questionnaire: Codable, Sendable, Equatable {
    /// `entry` (travellers, mandatory) or `voluntary` (households).
    public var id: String
    /// Raised with every change of questions; older declarations keep theirs.
    public var version: Int
    public var title: LocalizedText
    public var sections: [QuestionnaireSection]
    /// The province-ward question whose answer decides which province's worklist sees a
    /// declaration (the stay address); nil when the place comes from elsewhere (a household).
    public var worklistPlace: String?

    public init(id: String, version: Int, title: LocalizedText, sections: [QuestionnaireSection], worklistPlace: String? = nil) {
        self.id = id
        self.version = version
        self.title = title
        self.sections = sections
        self.worklistPlace = worklistPlace
    }

    /// The province and ward that `answers` give for the worklist, if any.
    public func worklistPlace(in answers: [String: AnswerValue]) -> (province: String, ward: String)? {
        guard let worklistPlace, case .place(let province, let ward)? = answers[worklistPlace] else { return nil }
        return (province, ward)
    }

    /// Every question, in order.
    public var questions: [Question] { sections.flatMap(\.questions) }

    /// Reads a questionnaire and checks that it is consistent (``QuestionnaireDefect``).
    public static func load(from json: Data) throws -> Questionnaire {
        let questionnaire = try JSONDecoder().decode(Questionnaire.self, from: json)
        try questionnaire.checkConsistency()
        return questionnaire
    }

    /// Throws the first defect: duplicate ids, choices without options, conditions or rules
    /// naming questions that do not come earlier.
    public func checkConsistency() throws(QuestionnaireDefect) {
        guard !id.isEmpty, version > 0 else { throw .invalid("a questionnaire needs an id and a version from 1") }
        if let worklistPlace, questions.first(where: { $0.id == worklistPlace })?.type != .place {
            throw .invalid("worklistPlace '\(worklistPlace)' is not a province-ward question")
        }
        var earlier: Set<String> = []
        for question in questions {
            guard !question.id.isEmpty, earlier.insert(question.id).inserted else { throw .invalid("question id '\(question.id)' is empty or repeated") }
            if [.choice, .multiChoice].contains(question.type), (question.options ?? []).isEmpty {
                throw .invalid("question '\(question.id)' offers no options")
            }
            if let showIf = question.showIf {
                guard showIf.isMeaningful else { throw .invalid("question '\(question.id)' has an empty condition") }
                for read in showIf.questionsRead where read == question.id || !earlier.contains(read) {
                    throw .invalid("question '\(question.id)' depends on '\(read)', which does not come before it")
                }
            }
            for other in [question.validation?.notBefore, question.validation?.notAfter].compactMap({ $0 }) where !earlier.contains(other) {
                throw .invalid("question '\(question.id)' compares with '\(other)', which does not come before it")
            }
        }
    }
}

/// Why a questionnaire or triage file cannot be used.
public enum QuestionnaireDefect: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        }
    }
}

/// A titled group of questions.
public struct QuestionnaireSection: Codable, Sendable, Equatable {
    public var id: String
    public var title: LocalizedText
    public var questions: [Question]

    public init(id: String, title: LocalizedText, questions: [Question]) {
        self.id = id
        self.title = title
        self.questions = questions
    }
}

/// One question of a questionnaire.
public struct Question: Codable, Sendable, Equatable {
    /// Stable key of the answer (`full_name`, `symptoms`); never reused for another meaning.
    public var id: String
    public var text: LocalizedText
    public var type: QuestionType
    /// An answer is needed whenever the question is shown.
    public var required: Bool
    /// For choice and multi-choice questions.
    public var options: [QuestionOption]?
    /// For country questions: several countries may be given.
    public var multiple: Bool
    /// Asked only when this holds; answers to questions not asked are dropped.
    public var showIf: AnswerCondition?
    public var validation: AnswerRules?

    public init(
        id: String, text: LocalizedText, type: QuestionType, required: Bool = false, options: [QuestionOption]? = nil, multiple: Bool = false,
        showIf: AnswerCondition? = nil, validation: AnswerRules? = nil
    ) {
        self.id = id
        self.text = text
        self.type = type
        self.required = required
        self.options = options
        self.multiple = multiple
        self.showIf = showIf
        self.validation = validation
    }

    private enum CodingKeys: String, CodingKey {
        case id, text, type, required, options, multiple, showIf, validation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        text = try container.decode(LocalizedText.self, forKey: .text)
        type = try container.decode(QuestionType.self, forKey: .type)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        options = try container.decodeIfPresent([QuestionOption].self, forKey: .options)
        multiple = try container.decodeIfPresent(Bool.self, forKey: .multiple) ?? false
        showIf = try container.decodeIfPresent(AnswerCondition.self, forKey: .showIf)
        validation = try container.decodeIfPresent(AnswerRules.self, forKey: .validation)
    }
}

/// What kind of answer a question takes.
public enum QuestionType: String, Codable, Sendable, CaseIterable {
    case text
    /// `YYYY-MM-DD`.
    case date
    /// One of the options.
    case choice
    /// Any of the options.
    case multiChoice = "multi-choice"
    /// `true` or `false`.
    case yesNo = "yes-no"
    /// ISO 3166-1 alpha-2 code (a list when the question allows several).
    case country
    /// A province and ward of Vietnam.
    case place = "province-ward"
    /// A Vietnamese phone number, stored in E.164.
    case phone
    case email
}

/// A choice offered by a question.
public struct QuestionOption: Codable, Sendable, Equatable {
    public var value: String
    public var label: LocalizedText

    public init(value: String, label: LocalizedText) {
        self.value = value
        self.label = label
    }
}

/// Checks on an answer beyond its type.
public struct AnswerRules: Codable, Sendable, Equatable {
    /// Shortest and longest text, in characters.
    public var minLength: Int?
    public var maxLength: Int?
    /// `document-number` (a Vietnamese citizen ID of 9 or 12 digits, or a Vietnamese passport
    /// number), `travel-document` (that, or any passport number of 5 to 9 letters and digits) or
    /// `vehicle-number` (a flight, train, ship or vehicle number).
    public var format: String?
    /// A date that must not be after today (Vietnam time).
    public var notInFuture: Bool?
    /// A date that must not be more than this many days before today.
    public var maxDaysAgo: Int?
    /// A date that must not be before (after) the date answered to that question.
    public var notBefore: String?
    public var notAfter: String?

    public init(
        minLength: Int? = nil, maxLength: Int? = nil, format: String? = nil, notInFuture: Bool? = nil, maxDaysAgo: Int? = nil,
        notBefore: String? = nil, notAfter: String? = nil
    ) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.format = format
        self.notInFuture = notInFuture
        self.maxDaysAgo = maxDaysAgo
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}
