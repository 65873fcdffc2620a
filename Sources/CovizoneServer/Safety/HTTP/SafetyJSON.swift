import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation
import Hummingbird

/// A facility as the API shows it: its contact only to its manager and the officers of its province.
struct FacilityItem: ResponseEncodable {
    var id: Int64
    var name: String
    var type: FacilityType
    var provinceCode: String
    var wardCode: String
    var address: String
    var latitude: Double
    var longitude: Double
    var status: SafetyStatus
    var score: Int?
    var riskLevel: RiskLevel?
    var reportedAt: Date?
    /// Since when a verified report of a critical lapse keeps it red.
    var alertSince: Date?
    var checklistId: String
    var venueId: Int64?
    var contactPhone: String?
    var hasManager: Bool

    init(_ facility: FacilityRecord, today: Int, checklistID: String, showContact: Bool) {
        id = facility.id
        name = facility.details.name
        type = facility.details.type
        provinceCode = facility.details.provinceCode
        wardCode = facility.details.wardCode
        address = facility.details.address
        latitude = facility.details.latitude
        longitude = facility.details.longitude
        status = facility.status(today: today)
        score = facility.latest?.score
        riskLevel = facility.latest?.riskLevel
        reportedAt = facility.latest?.reportedAt
        alertSince = facility.alertSince
        checklistId = checklistID
        venueId = facility.venueID
        contactPhone = showContact ? facility.details.contactPhone : nil
        hasManager = facility.managerID != nil
    }
}

/// A checklist as `GET /api/v1/safety/checklists/{type}` gives it.
struct ChecklistJSON: ResponseEncodable {
    struct Item: Encodable, Sendable {
        var id: String
        var text: LocalizedText
        var weight: Int
        var critical: Bool
        var source: String
        var feedbackCategories: [FeedbackCategory]
    }

    var id: String
    var version: Int
    var title: LocalizedText
    var source: String
    var facilityTypes: [FacilityType]
    var items: [Item]

    init(_ checklist: SafetyChecklist) {
        id = checklist.id
        version = checklist.version
        title = checklist.title
        source = checklist.source
        facilityTypes = checklist.facilityTypes
        items = checklist.items.map {
            Item(id: $0.id, text: $0.text, weight: $0.weight, critical: $0.critical, source: $0.source, feedbackCategories: $0.feedbackCategories)
        }
    }
}

/// One stored self-check.
struct SelfCheckItem: ResponseEncodable {
    var id: Int64
    var checklistId: String
    var checklistVersion: Int
    var score: Int
    var riskLevel: RiskLevel
    var status: SafetyStatus
    var reasons: [String]
    var checkedAt: Date

    init(_ check: SelfCheckRecord) {
        id = check.id
        checklistId = check.checklistID
        checklistVersion = check.checklistVersion
        score = check.score
        riskLevel = check.riskLevel
        status = check.status
        reasons = check.reasons
        checkedAt = check.checkedAt
    }
}

/// A report as the public sees it once published, and its manager's answer.
struct FeedbackItem: ResponseEncodable {
    var id: Int64
    var facilityId: Int64
    var category: FeedbackCategory
    var text: String
    var status: FeedbackStatus
    var receivedAt: Date
    var hasPhoto: Bool
    var answer: String?
    var answeredAt: Date?
    /// Moderators only: the sender's phone, whether the category concerns a critical item, the review.
    var phone: String?
    var critical: Bool?
    var reviewNote: String?
    var reviewedAt: Date?

    init(_ feedback: FeedbackRecord, forModerator: Bool) {
        id = feedback.id
        facilityId = feedback.facilityID
        category = feedback.category
        text = feedback.text
        status = feedback.status
        receivedAt = feedback.receivedAt
        hasPhoto = feedback.photoType != nil
        answer = feedback.answer
        answeredAt = feedback.answeredAt
        if forModerator {
            phone = feedback.phone
            critical = feedback.critical
            reviewNote = feedback.reviewNote
            reviewedAt = feedback.reviewedAt
        }
    }
}

/// A ward's risk level.
struct WardLevelItem: ResponseEncodable {
    var wardCode: String
    var provinceCode: String
    var level: WardRiskLevel
    var note: String
    var setAt: Date

    init(_ record: WardRiskRecord) {
        wardCode = record.wardCode
        provinceCode = record.provinceCode
        level = record.level
        note = record.note
        setAt = record.setAt
    }
}
