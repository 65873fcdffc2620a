import CovizoneCore
import Foundation
import HealthDeclaration

/// Shared test data: the bundled questionnaires, a fixed "today" and complete answers.
enum Fixtures {
    static let catalog = try! QuestionnaireCatalog.bundled()
    static let entry = catalog.current("entry")!
    static let voluntary = catalog.current("voluntary")!
    /// 2026-11-26 at noon in Vietnam.
    static let now = Date(timeIntervalSince1970: 1_795_669_200)
    static let divisions = try! AdministrativeDivisions.bundled()
    static let context = AnswerContext(now: now, divisions: divisions)

    /// A complete, healthy traveller's answers.
    static let traveller: [String: AnswerValue] = [
        "port_of_entry": .text("han"), "transport": .text("air"), "transport_number": .text("vn 55"), "seat": .text("12A"),
        "departure_country": .text("kr"), "departure_province": .text("Seoul"), "departure_date": .text("2026-11-25"),
        "arrival_date": .text("2026-11-26"), "countries_visited": .list(["KR", "jp"]),
        "full_name": .text("  NGUYEN   VAN AN "), "birth_date": .text("1990-05-17"), "sex": .text("male"), "nationality": .text("VN"),
        "document_number": .text("c1234567"),
        "stay_place": .place(province: "01", ward: "00070"), "stay_street": .text("12 Hàng Bạc"), "phone": .text("0912 345 678"),
        "email": .text("an@example.vn"),
        "symptoms": .list([]), "contact_case": .flag(false), "contact_affected_country": .flag(false), "live_animal_market": .flag(false),
        "vaccination": .text("full"), "vaccine_name": .text("Comirnaty"),
    ]

    /// A healthy household member's daily update.
    static let member: [String: AnswerValue] = [
        "travelled": .flag(false), "symptoms": .list([]), "contact_case": .flag(false), "contact_symptomatic": .flag(false),
        "contact_affected_area": .flag(false),
    ]

    /// The problem codes of `answers` by field, or nil when they are valid.
    static func problems(_ questionnaire: Questionnaire, _ answers: [String: AnswerValue]) -> [String: String]? {
        do {
            _ = try questionnaire.validate(answers, context: context)
            return nil
        } catch {
            return Dictionary(error.problems.map { ($0.field, $0.code) }, uniquingKeysWith: { first, _ in first })
        }
    }
}
