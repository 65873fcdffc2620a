import CovizoneStore
import Foundation
import Hummingbird
import OfficialInformation

/// An entry as the API shows it.
struct InfoEntryItem: ResponseEncodable {
    var id: Int64
    var question: BilingualText
    var answer: BilingualText
    var shortAnswer: BilingualText?
    var topics: [String]
    var provinceCode: String?
    var source: String
    var validFrom: Date?
    var validUntil: Date?
    var published: Bool
    var revision: Int
    var updatedAt: Date

    init(_ entry: InfoEntryRecord) {
        id = entry.id
        question = entry.content.question
        answer = entry.content.answer
        shortAnswer = entry.content.shortAnswer
        topics = entry.content.topics
        provinceCode = entry.content.provinceCode
        source = entry.content.source
        validFrom = entry.content.validFrom
        validUntil = entry.content.validUntil
        published = entry.content.published
        revision = entry.revision
        updatedAt = entry.updatedAt
    }
}

/// An entry found by search, best first.
struct SearchItem: Encodable, Sendable {
    var id: Int64
    var question: BilingualText
    var answer: BilingualText
    var shortAnswer: BilingualText?
    var provinceCode: String?
    var source: String
    var score: Double
    /// The share of the query the entry answers (0…1).
    var coverage: Double

    init(_ found: InfoSearchService.Found) {
        id = found.entry.id
        question = found.entry.content.question
        answer = found.entry.content.answer
        shortAnswer = found.entry.content.shortAnswer
        provinceCode = found.entry.content.provinceCode
        source = found.entry.content.source
        score = (found.hit.score * 1_000).rounded() / 1_000
        coverage = (found.hit.coverage * 100).rounded() / 100
    }
}

/// A facility of the directory; `distanceKm` when looked up from a position.
struct HealthFacilityItem: ResponseEncodable {
    var id: Int64
    var name: String
    var services: [HealthService]
    var provinceCode: String
    var wardCode: String
    var address: String
    var latitude: Double
    var longitude: Double
    var phone: String
    var hours: String
    var capacity: [String: Int]?
    var updatedAt: Date
    var distanceKm: Double?

    init(_ facility: HealthFacilityRecord, distanceKm: Double? = nil) {
        id = facility.id
        name = facility.details.name
        services = facility.details.services
        provinceCode = facility.details.provinceCode
        wardCode = facility.details.wardCode
        address = facility.details.address
        latitude = facility.details.latitude
        longitude = facility.details.longitude
        phone = facility.details.phone
        hours = facility.details.hours
        capacity = facility.details.capacity
        updatedAt = facility.updatedAt
        self.distanceKm = distanceKm.map { ($0 * 100).rounded() / 100 }
    }
}

/// A hotline, with the link phones dial.
struct HotlineItem: ResponseEncodable {
    var id: Int64
    var name: BilingualText
    var number: String
    var tel: String
    var provinceCode: String?
    var free: Bool
    var hours: String

    init(_ hotline: HotlineRecord) {
        id = hotline.id
        name = hotline.name
        number = hotline.number
        tel = "tel:" + hotline.number
        provinceCode = hotline.provinceCode
        free = hotline.free
        hours = hotline.hours
    }
}

/// An announcement.
struct AnnouncementItem: ResponseEncodable {
    var id: Int64
    var title: BilingualText
    var body: BilingualText
    var provinceCode: String?
    var priority: AnnouncementContent.Priority
    var tags: [String]
    var validUntil: Date?
    var publishedAt: Date
    var updatedAt: Date

    init(_ announcement: AnnouncementRecord) {
        id = announcement.id
        title = announcement.content.title
        body = announcement.content.body
        provinceCode = announcement.content.provinceCode
        priority = announcement.content.priority
        tags = announcement.content.tags
        validUntil = announcement.content.validUntil
        publishedAt = announcement.publishedAt
        updatedAt = announcement.updatedAt
    }
}
extension HealthFacilityImport.Report: ResponseEncodable {}
