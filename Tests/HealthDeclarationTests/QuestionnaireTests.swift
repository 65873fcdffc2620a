import Foundation
import CovizoneCore
import HealthDeclaration
import Testing

@Suite("Questionnaires")
struct QuestionnaireTests {
    @Test("the bundled catalogue holds the entry and voluntary questionnaires with their triage rules")
    func bundled() throws {
        #expect(Fixtures.catalog.currentQuestionnaires.map(\.id) == ["entry", "voluntary"])
        #expect(Fixtures.catalog.triage["entry"]?.questionnaire == "entry" && Fixtures.catalog.triage["voluntary"] != nil)
        #expect(Fixtures.catalog.questionnaire("entry", version: 1) == Fixtures.entry)
        #expect(Fixtures.entry.worklistPlace(in: Fixtures.traveller)! == ("01", "00070"), "the stay address decides the worklist")
    }

    @Test("the entry questionnaire asks what the real form asked")
    func entryCoversTheForm() {
        let asked = Set(Fixtures.entry.questions.map(\.id))
        let form = [
            "port_of_entry", "full_name", "birth_date", "sex", "nationality", "document_number", "transport", "transport_number", "seat",
            "departure_date", "arrival_date", "departure_country", "departure_province", "countries_visited", "stay_place", "stay_street",
            "phone", "email", "symptoms", "contact_case", "contact_affected_country", "live_animal_market", "vaccination",
        ]
        #expect(asked.isSuperset(of: form), "missing: \(Set(form).subtracting(asked).sorted())")
        let symptoms = Fixtures.entry.questions.first { $0.id == "symptoms" }?.options?.map(\.value)
        #expect(symptoms == ["fever", "cough", "shortness_of_breath", "sore_throat", "vomiting", "diarrhoea", "skin_haemorrhage", "rash"])
        #expect(Fixtures.entry.questions.allSatisfy { !$0.text.vi.isEmpty && !$0.text.en.isEmpty }, "every question in both languages")
    }

    @Test("the voluntary questionnaire asks about travel, symptoms and contacts")
    func voluntaryCoversTheForm() {
        #expect(Fixtures.voluntary.sections.map(\.id) == ["travel", "health", "contacts"])
    }

    @Test("ISO 3166-1 has 249 countries, found in either case, with Vietnamese names")
    func countries() {
        #expect(Country.all.count == 249)
        #expect(Country.named("vn")?.name == LocalizedText(vi: "Việt Nam", en: "Vietnam"))
        #expect(Country.named("XK") == nil && Country.named("EU") == nil && Country.named("") == nil)
    }

    @Test("texts carry Vietnamese and English, and any other language a questionnaire adds")
    func languages() throws {
        let text = try JSONDecoder().decode(LocalizedText.self, from: Data(#"{"vi": "Sốt", "en": "Fever", "fr": "Fièvre"}"#.utf8))
        #expect(text.text(in: "fr") == "Fièvre" && text.text(in: "en") == "Fever" && text.text(in: "ja") == "Sốt", "Vietnamese when a language is missing")
        #expect(try JSONDecoder().decode(LocalizedText.self, from: JSONEncoder().encode(text)) == text)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LocalizedText.self, from: Data(#"{"vi": "Sốt"}"#.utf8)) }
    }

    @Test("inconsistent questionnaires are refused when loaded")
    func defects() throws {
        func load(_ json: String) -> String? {
            do {
                _ = try Questionnaire.load(from: Data(json.utf8))
                return nil
            } catch {
                return "\(error)"
            }
        }
        func form(_ questions: String) -> String {
            #"{"id": "t", "version": 1, "title": {"vi": "T", "en": "T"}, "sections": [{"id": "s", "title": {"vi": "S", "en": "S"}, "questions": [\#(questions)]}]}"#
        }
        let a = #"{"id": "a", "text": {"vi": "A", "en": "A"}, "type": "yes-no"}"#
        #expect(load(form(a)) == nil)
        #expect(load(form("\(a), \(a)"))?.contains("repeated") == true)
        #expect(load(form(#"{"id": "c", "text": {"vi": "C", "en": "C"}, "type": "choice"}"#))?.contains("no options") == true)
        let later = #"{"id": "b", "text": {"vi": "B", "en": "B"}, "type": "text", "showIf": {"question": "a", "equals": true}}"#
        #expect(load(form("\(later), \(a)"))?.contains("does not come before") == true)
        #expect(load(form("\(a), \(later)")) == nil)
        let empty = #"{"id": "b", "text": {"vi": "B", "en": "B"}, "type": "text", "showIf": {"question": "a"}}"#
        #expect(load(form("\(a), \(empty)"))?.contains("empty condition") == true)
        #expect(load(form(#"{"id": "d", "text": {"vi": "D", "en": "D"}, "type": "date", "validation": {"notBefore": "x"}}"#)) != nil)
        #expect(load(#"{"id": "t", "version": 1}"#) != nil, "missing members")
        let misplaced = form(a).replacingOccurrences(of: #""version": 1,"#, with: #""version": 1, "worklistPlace": "a","#)
        #expect(load(misplaced)?.contains("worklistPlace") == true, "the worklist place must be a province-ward question")
        #expect(load(form(#"{"id": "a", "text": {"vi": "A", "en": "A"}, "type": "slider"}"#)) != nil, "unknown question type")
    }

    @Test("triage rules must read questions the questionnaire asks, once each")
    func triageDefects() throws {
        let rule = TriageRule(id: "r", when: AnswerCondition(question: "contact_case", equals: .flag(true)), level: .high, reason: LocalizedText(vi: "R", en: "R"))
        #expect(throws: Never.self) { try TriageRules(questionnaire: "entry", version: 1, rules: [rule]).checkConsistency(with: Fixtures.entry) }
        #expect(throws: QuestionnaireDefect.self) { try TriageRules(questionnaire: "voluntary", version: 1, rules: [rule]).checkConsistency(with: Fixtures.entry) }
        #expect(throws: QuestionnaireDefect.self) { try TriageRules(questionnaire: "entry", version: 1, rules: [rule, rule]).checkConsistency(with: Fixtures.entry) }
        var unknown = rule
        unknown.when = AnswerCondition(question: "favourite_colour", equals: .text("red"))
        #expect(throws: QuestionnaireDefect.self) { try TriageRules(questionnaire: "entry", version: 1, rules: [unknown]).checkConsistency(with: Fixtures.entry) }
        #expect(throws: QuestionnaireDefect.self) { try QuestionnaireCatalog(questionnaires: [Fixtures.entry, Fixtures.entry], triage: []) }
    }
}
