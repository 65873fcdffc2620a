import CovizoneCore
import Foundation
import HealthDeclaration

/// A questionnaire as an HTML form: the page model of its questions (with what was typed and
/// the problems found, so nothing typed is lost on a failed submit), and the answers read back
/// from the posted fields. A province-ward question posts `ID.province` and `ID.ward`; check
/// boxes and multiple selections repeat their name.
struct QuestionnaireForm: Sendable {
    let questionnaire: Questionnaire
    let language: Language
    let divisions: AdministrativeDivisions

    /// The answers in posted `fields`; empty fields are left out.
    func answers(from fields: [String: [String]]) -> [String: AnswerValue] {
        var answers: [String: AnswerValue] = [:]
        for question in questionnaire.questions {
            let values = (fields[question.id] ?? []).filter { !$0.isEmpty }
            switch question.type {
            case .multiChoice:
                if !values.isEmpty { answers[question.id] = .list(values) }
            case .country where question.multiple:
                if !values.isEmpty { answers[question.id] = .list(values) }
            case .yesNo:
                if let value = values.first { answers[question.id] = value == "true" ? .flag(true) : value == "false" ? .flag(false) : .text(value) }
            case .place:
                if let province = fields["\(question.id).province"]?.first, let ward = fields["\(question.id).ward"]?.first, !province.isEmpty, !ward.isEmpty {
                    answers[question.id] = .place(province: province, ward: ward)
                }
            default:
                if let value = values.first { answers[question.id] = .text(value) }
            }
        }
        return answers
    }

    /// One question as the form shows it: what was typed, its problem, and the flag of its type
    /// that picks its input in the template.
    struct FormQuestion: Sendable {
        struct Option: Sendable {
            var value: String
            var label: String
            var selected: Bool
        }

        var id: String
        var label: String
        var required: Bool
        var value: String
        var error: String?
        /// The condition under which the page shows the question, as JSON for its script.
        var showIf: String?
        var isText = false
        var isDate = false
        var isChoice = false
        var isMultiChoice = false
        var isYesNo = false
        var isCountry = false
        var isPlace = false
        var isPhone = false
        var isEmail = false
        var options: [Option]?
        var yes = false
        var no = false
        var multiple = false
        var provinces: [PageOption]?
        var wards: [PageOption]?
    }

    struct FormSection: Sendable {
        var title: String
        var questions: [FormQuestion]
    }

    /// An answered question in words.
    struct ReadableAnswer: Sendable {
        var id: String
        var label: String
        var value: String
    }

    struct ReadableSection: Sendable {
        var title: String
        var answers: [ReadableAnswer]
    }

    /// The sections for the template, with `fields` as typed and `problems` by question id.
    func sections(fields: [String: [String]], problems: [String: String]) -> [FormSection] {
        questionnaire.sections.map { section in
            FormSection(
                title: section.title.text(in: language.rawValue),
                questions: section.questions.map { question(for: $0, values: fields[$0.id] ?? [], fields: fields, problem: problems[$0.id]) }
            )
        }
    }

    private func question(for question: Question, values: [String], fields: [String: [String]], problem: String?) -> FormQuestion {
        var model = FormQuestion(
            id: question.id, label: question.text.text(in: language.rawValue), required: question.required, value: values.first ?? "", error: problem,
            showIf: question.showIf.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        )
        switch question.type {
        case .text: model.isText = true
        case .date: model.isDate = true
        case .phone: model.isPhone = true
        case .email: model.isEmail = true
        case .choice, .multiChoice:
            model.isChoice = question.type == .choice
            model.isMultiChoice = question.type == .multiChoice
            model.options = (question.options ?? []).map { .init(value: $0.value, label: $0.label.text(in: language.rawValue), selected: values.contains($0.value)) }
        case .yesNo:
            model.isYesNo = true
            model.yes = values.first == "true"
            model.no = values.first == "false"
        case .country:
            let chosen = Set(values.map { $0.uppercased() })
            model.isCountry = true
            model.multiple = question.multiple
            model.options = Country.all.map { .init(value: $0.code, label: $0.name.text(in: language.rawValue), selected: chosen.contains($0.code)) }
                .sorted { $0.label < $1.label }
        case .place:
            let province = fields["\(question.id).province"]?.first ?? ""
            let ward = fields["\(question.id).ward"]?.first ?? ""
            model.isPlace = true
            model.provinces = divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: $0.code == province) }
            let shownProvince = divisions.province(code: province)?.code ?? divisions.provinces.first?.code ?? ""
            model.wards = (divisions.wards(inProvince: shownProvince) ?? []).map { PageOption(code: $0.code, label: $0.name, selected: $0.code == ward) }
        }
        return model
    }

    /// The sections of stored `answers` for reading: each answered question with its answer in
    /// words (option labels, country and place names, yes or no).
    func readable(_ answers: [String: AnswerValue], yes: String, no: String) -> [ReadableSection] {
        questionnaire.sections.compactMap { section in
            let rows = section.questions.compactMap { question in
                answers[question.id].map {
                    ReadableAnswer(id: question.id, label: question.text.text(in: language.rawValue), value: words($0, for: question, yes: yes, no: no))
                }
            }
            return rows.isEmpty ? nil : ReadableSection(title: section.title.text(in: language.rawValue), answers: rows)
        }
    }

    private func words(_ answer: AnswerValue, for question: Question, yes: String, no: String) -> String {
        switch answer {
        case .flag(let flag):
            return flag ? yes : no
        case .place(let province, let ward):
            return [divisions.ward(code: ward)?.name ?? ward, divisions.province(code: province)?.name ?? province].joined(separator: ", ")
        case .text(let value):
            return word(value, for: question)
        case .list(let values):
            return values.map { word($0, for: question) }.joined(separator: ", ")
        }
    }

    private func word(_ value: String, for question: Question) -> String {
        switch question.type {
        case .choice, .multiChoice: question.options?.first { $0.value == value }?.label.text(in: language.rawValue) ?? value
        case .country: Country.named(value)?.name.text(in: language.rawValue) ?? value
        default: value
        }
    }
}
