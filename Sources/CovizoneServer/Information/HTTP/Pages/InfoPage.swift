import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// The model of the public information pages: `GET /info` (search, the facility finder,
/// hotlines and the latest announcements), `GET /info/search` (with answers) and `GET
/// /info/facilities` (with facilities, nearest first from a position).
struct InfoPage: Sendable {
    struct Answer: Sendable {
        var id: Int64
        var question: String
        var answer: String
        var source: String
        var place: String
    }

    struct Facility: Sendable {
        var id: Int64
        var name: String
        var services: String
        var address: String
        var phone: String
        var hours: String
        var distance: String?
        var capacity: String?
        var updatedAt: String
    }

    struct Hotline: Sendable {
        var name: String
        var number: String
        var free: Bool
        var place: String
    }

    struct Announcement: Sendable {
        var id: Int64
        var title: String
        var publishedAt: String
        var urgent: Bool
    }

    var query = ""
    var searched = false
    var answers: [Answer] = [] { didSet { hasAnswers = !answers.isEmpty } }
    var provinceOptions: [PageOption] = []
    var serviceOptions: [PageOption] = []
    var near = ""
    var facilityText = ""
    var looked = false
    var facilities: [Facility] = [] { didSet { hasFacilities = !facilities.isEmpty } }
    var hotlines: [Hotline] = []
    var announcements: [Announcement] = [] { didSet { hasAnnouncements = !announcements.isEmpty } }
    var askText = ""
    var askErrors: [String] = []
    var asked = false
    var errors: [String] = []

    // Stored, not computed: templates read a model's stored properties only.
    private(set) var hasAnswers = false
    private(set) var hasFacilities = false
    private(set) var hasAnnouncements = false
    /// The question form is offered once a search was made, or after asking.
    var offersQuestion = false

    init(province: String?, service: HealthService?, divisions: AdministrativeDivisions, text: PageText) {
        provinceOptions = [PageOption(code: "", label: text("info_all_provinces"), selected: province == nil)]
            + divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: $0.code == province) }
        serviceOptions = [PageOption(code: "", label: text("info_all_services"), selected: service == nil)]
            + HealthService.allCases.map { PageOption(code: $0.rawValue, label: text("info_service_\($0.rawValue)"), selected: $0 == service) }
    }

    static func answer(_ found: InfoSearchService.Found, language: Language, divisions: AdministrativeDivisions, text: PageText) -> Answer {
        let content = found.entry.content
        return Answer(
            id: found.entry.id, question: content.question.text(in: language.rawValue), answer: content.answer.text(in: language.rawValue), source: content.source,
            place: content.provinceCode.map { divisions.province(code: $0)?.name ?? $0 } ?? text("info_national")
        )
    }

    static func facility(_ record: HealthFacilityRecord, distanceKm: Double?, text: PageText) -> Facility {
        let details = record.details
        return Facility(
            id: record.id, name: details.name, services: details.services.map { text("info_service_\($0.rawValue)") }.joined(separator: ", "),
            address: details.address, phone: details.phone, hours: details.hours,
            distance: distanceKm.map { String(format: "%.1f km", $0) },
            capacity: details.capacity.flatMap { $0.isEmpty ? nil : $0.sorted { $0.key < $1.key }.map { "\($0.key == "bedsFree" ? text("info_capacity_bedsFree") : $0.key): \($0.value)" }.joined(separator: " · ") },
            updatedAt: PageText.wallClock(record.updatedAt)
        )
    }

    static func hotline(_ record: HotlineRecord, language: Language, divisions: AdministrativeDivisions, text: PageText) -> Hotline {
        Hotline(
            name: record.name.text(in: language.rawValue), number: record.number, free: record.free,
            place: record.provinceCode.map { divisions.province(code: $0)?.name ?? $0 } ?? text("info_national")
        )
    }

    static func announcement(_ record: AnnouncementRecord, language: Language) -> Announcement {
        Announcement(
            id: record.id, title: record.content.title.text(in: language.rawValue), publishedAt: PageText.wallClock(record.publishedAt),
            urgent: record.content.priority != .normal
        )
    }
}
