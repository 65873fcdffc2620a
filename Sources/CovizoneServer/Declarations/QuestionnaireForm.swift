import CovizoneCore
import Foundation
import HealthDeclaration

/// A questionnaire as an HTML form: the page model of its questions (with what was typed and
/// the problems found, so nothing typed is lost on a failed submit), and the answers read back
/// from the posted fields. A province-ward question posts `ID.province` and `ID.ward`; check
/// boxes and multiple selections repeat their name.
struct QuestionnaireForm {
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

    /// The sections for the template, with `fields` as typed and `problems` by question id.
    func model(fields: [String: [String]], problems: [String: String]) -> [[String: Any]] {
        questionnaire.sections.map { section in
            [
                "title": section.title.text(in: language.rawValue),
                "questions": section.questions.map { question(for: $0, values: fields[$0.id] ?? [], fields: fields, problem: problems[$0.id]) },
            ] as [String: Any]
        }
    }

    private func question(for question: Question, values: [String], fields: [String: [String]], problem: String?) -> [String: Any] {
        var model: [String: Any] = [
            "id": question.id, "label": question.text.text(in: language.rawValue), "required": question.required,
            "value": values.first ?? "", "kind_\(question.type.rawValue.replacingOccurrences(of: "-", with: "_"))": true,
        ]
        if let problem { model["error"] = problem }
        if let showIf = question.showIf, let json = try? JSONEncoder().encode(showIf) { model["showIf"] = String(decoding: json, as: UTF8.self) }
        switch question.type {
        case .choice, .multiChoice:
            model["options"] = (question.options ?? []).map { option in
                ["value": option.value, "label": option.label.text(in: language.rawValue), "selected": values.contains(option.value)] as [String: Any]
            }
        case .yesNo:
            model["yes"] = values.first == "true"
            model["no"] = values.first == "false"
        case .country:
            let chosen = Set(values.map { $0.uppercased() })
            model["multiple"] = question.multiple
            model["options"] = Country.all.map { country in
                ["value": country.code, "label": country.name.text(in: language.rawValue), "selected": chosen.contains(country.code)] as [String: Any]
            }.sorted { ($0["label"] as? String ?? "") < ($1["label"] as? String ?? "") }
        case .place:
            let province = fields["\(question.id).province"]?.first ?? ""
            let ward = fields["\(question.id).ward"]?.first ?? ""
            model["provinces"] = divisions.provinces.map { ["code": $0.code, "name": $0.name, "selected": $0.code == province] as [String: Any] }
            let shownProvince = divisions.province(code: province)?.code ?? divisions.provinces.first?.code ?? ""
            model["wards"] = (divisions.wards(inProvince: shownProvince) ?? []).map {
                ["code": $0.code, "name": $0.name, "selected": $0.code == ward] as [String: Any]
            }
        default:
            break
        }
        return model
    }

    /// The sections of stored `answers` for reading: each answered question with its answer in
    /// words (option labels, country and place names, yes or no).
    func readable(_ answers: [String: AnswerValue], yes: String, no: String) -> [[String: Any]] {
        questionnaire.sections.compactMap { section in
            let rows: [[String: Any]] = section.questions.compactMap { question in
                guard let answer = answers[question.id] else { return nil }
                return ["id": question.id, "label": question.text.text(in: language.rawValue), "value": words(answer, for: question, yes: yes, no: no)]
            }
            return rows.isEmpty ? nil : ["title": section.title.text(in: language.rawValue), "answers": rows]
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
