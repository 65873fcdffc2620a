import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration

/// The demo's declarations: travellers arriving at Tân Sơn Nhất who stay in Hồ Chí Minh City
/// (so they land on `demo-health`'s worklist, some followed up), and a household there whose
/// two members without a phone are declared for every day.
struct DemoDeclarations: Sendable {
    static let householdPhone = "+84900009999"
    static let names = [
        "NGUYEN VAN AN", "TRAN THI BICH", "LE MINH CHAU", "PHAM QUOC DUNG", "HOANG THU HA", "VU DUC HUY", "DANG THI KIM", "BUI VAN LONG",
        "DO THI MAI", "NGO QUANG NAM", "DUONG THI OANH", "LY VAN PHUC",
    ]
    static let countries = ["KR", "JP", "SG", "TH", "US", "AU", "FR", "DE"]
    static let wards = ["26743", "26737", "26740", "27160", "27139", "27343", "26824"]

    let declarations: DeclarationService
    let households: HouseholdService
    let texts: TextMessageRepository
    let actors: DemoActors
    let time: DemoTime

    /// The day's arrivals, up to `until`; those of two days before are followed up.
    func arrivals(on day: Int, until: Date) async throws {
        var random = SplitMix64(smallSeed: day &* 31)
        for index in 0..<(5 + Int.random(in: 0...4, using: &random)) {
            let at = VietnamDay.start(ofNumber: day) + TimeInterval(7 * 3600 + index * 5400 + Int.random(in: 0..<3600, using: &random))
            guard at < until else { continue }
            time.set(at)
            let submitted = try await declarations.submit(kind: .entry, answers: Self.traveller(day: day, random: &random), language: .vi)
            guard at + 2 * 86_400 < until else { continue }
            time.set(at + 2 * 86_400)
            let status = [FollowUpStatus.contacted, .seenWell, .isolated, .closed][Int.random(in: 0..<4, using: &random)]
            let note = status == .isolated ? "Cách ly tại nhà, nhắc đo nhiệt độ hằng ngày." : "Đã gọi điện, sức khỏe ổn định."
            _ = try await declarations.followUp(
                kind: .entry, code: submitted.record.code, entry: try FollowUpEntry(status: status.rawValue, note: note), by: actors.health,
                caller: actors.caller(actors.health)
            )
        }
    }

    /// Proves the household's phone as its owner would (reading the one-time code the text to
    /// that phone carries) on `day` at 08:00; returns the household's token.
    func signInHousehold(on day: Int) async throws -> String {
        time.set(day: day, hour: 8)
        let started = try await households.startVerification(phone: Self.householdPhone, from: "127.0.0.1")
        let text = try await texts.messages(to: started.phone, limit: 1).first?.body ?? ""
        return try await households.signIn(phone: started.phone, code: String(text.filter(\.isNumber).prefix(6))).token
    }

    /// Signs the household in for the first time, gives its address and adds its two members.
    func openHousehold(on day: Int) async throws -> String {
        let token = try await signInHousehold(on: day)
        let household = try await households.household(token: token)
        _ = try await households.setAddress(of: household, provinceCode: "79", wardCode: "27160", street: "12 Nguyễn Đình Chiểu", reminderHour: 20)
        _ = try await households.addMember(fullName: "Trần Thị Lan", birthYear: 1948, sex: "female", relation: "parent", idNumber: nil, to: household)
        _ = try await households.addMember(fullName: "Nguyễn Minh Khôi", birthYear: 2016, sex: "male", relation: "child", idNumber: nil, to: household)
        return token
    }

    /// The household's evening update of `day` for each member: the grandmother coughs on some days.
    func householdUpdates(on day: Int, token: String, until: Date) async throws {
        time.set(day: day, hour: 19, minute: 30)
        guard time.now < until else { return }
        let household = try await households.household(token: token)
        for member in try await households.members(of: household) {
            let coughs = member.birthYear < 1960 && day % 4 == 0
            var answers: [String: AnswerValue] = [
                "travelled": .flag(false), "symptoms": .list(coughs ? ["cough"] : []), "contact_case": .flag(false), "contact_symptomatic": .flag(false),
                "contact_affected_area": .flag(false),
            ]
            if coughs { answers["symptom_onset"] = .text(VietnamDay.string(ofNumber: day)) }
            _ = try await households.declare(for: member, of: household, answers: answers, language: .vi)
        }
    }

    private static func traveller(day: Int, random: inout SplitMix64) -> [String: AnswerValue] {
        let country = countries[Int.random(in: 0..<countries.count, using: &random)]
        let risk = Int.random(in: 0..<10, using: &random)
        let symptoms: [String] = risk == 0 ? ["fever", "cough"] : risk == 1 ? ["diarrhoea"] : []
        let arrival = VietnamDay.string(ofNumber: day)
        return [
            "port_of_entry": .text("sgn"), "transport": .text("air"), "transport_number": .text("VN" + String(Int.random(in: 100...999, using: &random))),
            "seat": .text("\(Int.random(in: 1...40, using: &random))C"), "departure_country": .text(country),
            "departure_date": .text(VietnamDay.string(ofNumber: day - 1)), "arrival_date": .text(arrival), "countries_visited": .list([country]),
            "full_name": .text(names[Int.random(in: 0..<names.count, using: &random)]),
            "birth_date": .text("19\(Int.random(in: 50...99, using: &random))-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))"),
            "sex": .text(Bool.random(using: &random) ? "male" : "female"), "nationality": .text("VN"),
            "document_number": .text("C" + String(Int.random(in: 1_000_000...9_999_999, using: &random))),
            "stay_place": .place(province: "79", ward: wards[Int.random(in: 0..<wards.count, using: &random)]),
            "stay_street": .text("\(Int.random(in: 1...200, using: &random)) Lê Lợi"), "phone": .text(DemoPeople.phone(Int.random(in: 0..<DemoPeople.visitors, using: &random))),
            "symptoms": .list(symptoms), "contact_case": .flag(risk == 2), "contact_affected_country": .flag(risk == 3), "live_animal_market": .flag(false),
            "vaccination": .text("full"),
        ]
    }
}
