import CovizoneCore
import Foundation
import HealthDeclaration
import PropertyBased
import Testing

@Suite("Answer validation")
struct ValidationTests {
    @Test("complete answers are stored normalised; answers to questions not asked are dropped")
    func normalised() throws {
        var answers = Fixtures.traveller
        answers["transport"] = .text("ship")  // no seat on a ship: the seat answer is dropped
        let stored = try Fixtures.entry.validate(answers, context: Fixtures.context)
        #expect(stored["phone"] == .text("+84912345678"))
        #expect(stored["document_number"] == .text("C1234567"))
        #expect(stored["full_name"] == .text("NGUYEN VAN AN"))
        #expect(stored["transport_number"] == .text("VN 55"))
        #expect(stored["departure_country"] == .text("KR") && stored["countries_visited"] == .list(["KR", "JP"]))
        #expect(stored["seat"] == nil, "not asked when travelling by ship")
        answers["stay_place"] = .place(province: "1", ward: "70")
        #expect(try Fixtures.entry.validate(answers, context: Fixtures.context)["stay_place"] == .place(province: "01", ward: "00070"), "codes stored in full")
        #expect(stored["symptoms"] == nil, "an empty list is no answer")
        var unvaccinated = Fixtures.traveller
        unvaccinated["vaccination"] = .text("none")
        #expect(try Fixtures.entry.validate(unvaccinated, context: Fixtures.context)["vaccine_name"] == nil)
    }

    @Test("each rule gives its own code on its own field, all at once")
    func rules() throws {
        let cases: [(String, AnswerValue?, String)] = [
            ("full_name", nil, "required"),
            ("full_name", .text("   "), "required"),
            ("full_name", .text("A"), "too_short"),
            ("full_name", .text(String(repeating: "A", count: 101)), "too_long"),
            ("full_name", .flag(true), "wrong_type"),
            ("sex", .text("unknown"), "not_an_option"),
            ("symptoms", .list(["fever", "fever"]), "not_an_option"),
            ("symptoms", .list(["fever", "sneezing"]), "not_an_option"),
            ("symptoms", .text("fever"), "wrong_type"),
            ("nationality", .text("XX"), "unknown_country"),
            ("nationality", .list(["VN"]), "wrong_type"),
            ("countries_visited", .list(["KR", "kr"]), "unknown_country"),
            ("stay_place", .place(province: "79", ward: "00070"), "unknown_place"),
            ("stay_place", .text("Hà Nội"), "wrong_type"),
            ("phone", .text("12345"), "invalid_phone"),
            ("email", .text("an@example"), "invalid_email"),
            ("email", .text("an example@vn.vn"), "invalid_email"),
            ("document_number", .text("12-34"), "invalid_document_number"),
            ("document_number", .text("ABCDEFG"), "invalid_document_number"),
            ("document_number", .text("X12345678901"), "invalid_document_number"),
            ("transport_number", .text("VN/55"), "invalid_vehicle_number"),
            ("birth_date", .text("1990-02-30"), "invalid_date"),
            ("birth_date", .text("1990-2-3"), "invalid_date"),
            ("birth_date", .text("2026-11-27"), "date_in_future"),
            ("departure_date", .text("2026-10-01"), "date_too_old"),
            ("arrival_date", .text("2026-11-24"), "date_before"),
            ("contact_case", .text("no"), "wrong_type"),
            ("hair_colour", .text("black"), "unknown_question"),
        ]
        for (field, value, code) in cases {
            var answers = Fixtures.traveller
            answers[field] = value
            #expect(Fixtures.problems(Fixtures.entry, answers) == [field: code], "\(field) = \(String(describing: value))")
        }
        var several = Fixtures.traveller
        several["phone"] = .text("1")
        several["sex"] = nil
        several["hair_colour"] = .text("black")
        #expect(Fixtures.problems(Fixtures.entry, several) == ["phone": "invalid_phone", "sex": "required", "hair_colour": "unknown_question"])
        #expect(Fixtures.problems(Fixtures.entry, Fixtures.traveller) == nil)
    }

    @Test("passports of any country and Vietnamese ID numbers are travel documents", arguments: ["TR0123456", "c1234567", "001099012345", "123456789", "L898902C3"])
    func travelDocuments(number: String) throws {
        var answers = Fixtures.traveller
        answers["document_number"] = .text(number)
        #expect(try Fixtures.entry.validate(answers, context: Fixtures.context)["document_number"] == .text(number.uppercased()))
    }

    @Test("a question shown by an earlier answer is required only then")
    func conditional() {
        #expect(Fixtures.problems(Fixtures.voluntary, Fixtures.member) == nil)
        var travelled = Fixtures.member
        travelled["travelled"] = .flag(true)
        #expect(Fixtures.problems(Fixtures.voluntary, travelled) == ["travel_places": "required"])
        travelled["travel_places"] = .text("Đà Nẵng")
        #expect(Fixtures.problems(Fixtures.voluntary, travelled) == nil)
        var ill = Fixtures.member
        ill["symptoms"] = .list(["cough"])
        #expect(Fixtures.problems(Fixtures.voluntary, ill) == ["symptom_onset": "required"])
    }

    @Test("messages come in Vietnamese and English")
    func messages() throws {
        var answers = Fixtures.traveller
        answers["phone"] = .text("abc")
        #expect(throws: DeclarationInvalid.self) { try Fixtures.entry.validate(answers, context: Fixtures.context) }
        do {
            _ = try Fixtures.entry.validate(answers, context: Fixtures.context)
        } catch {
            #expect(error.problems.first?.message.text(in: "vi") == "Số điện thoại Việt Nam không hợp lệ.")
            #expect(error.problems.first?.message.text(in: "en") == "This is not a Vietnamese phone number.")
        }
    }

    @Test("answers round-trip through JSON in their four forms")
    func answerJSON() throws {
        let answers: [String: AnswerValue] = ["a": .text("x"), "b": .list(["y", "z"]), "c": .flag(false), "d": .place(province: "01", ward: "00070")]
        let json = try JSONEncoder().encode(answers)
        #expect(try JSONDecoder().decode([String: AnswerValue].self, from: json) == answers)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AnswerValue.self, from: Data("3".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AnswerValue.self, from: Data(#"{"province": "01"}"#.utf8)) }
    }

    @Test("any text in any answer is refused or accepted, never a crash (property-based)")
    func arbitraryAnswers() async {
        let questions = Fixtures.entry.questions.map(\.id)
        await propertyCheck(count: 200, input: Gen.int(in: 0...(questions.count - 1)), Gen.oneOf(Gen.latin1.string(of: 0...40), Gen.character(in: "à"..."ỹ").string(of: 0...10))) { index, text in
            var answers = Fixtures.traveller
            answers[questions[index]] = .text(text)
            if let problems = Fixtures.problems(Fixtures.entry, answers) {
                #expect(problems.keys.allSatisfy { $0 == questions[index] })
            }
        }
    }
}
