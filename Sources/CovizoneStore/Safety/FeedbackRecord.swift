import FacilitySafety
import Foundation
import SQLKit

/// A citizen's report to store, checked.
public struct NewFeedback: Sendable {
    public var facilityID: Int64
    public var provinceCode: String
    public var category: FeedbackCategory
    public var text: String
    /// E.164, when the citizen wants to be called back.
    public var phone: String?
    public var photo: FeedbackPhoto?
    /// Whether the category concerns a critical item of the facility's checklist.
    public var critical: Bool

    public init(
        facilityID: Int64, provinceCode: String, category: FeedbackCategory, text: String, phone: String?, photo: FeedbackPhoto?, critical: Bool
    ) {
        self.facilityID = facilityID
        self.provinceCode = provinceCode
        self.category = category
        self.text = text
        self.phone = phone
        self.photo = photo
        self.critical = critical
    }
}

/// A stored report and where its moderation and answer stand (the photo is read on its own).
public struct FeedbackRecord: Sendable, Equatable {
    public var id: Int64
    public var facilityID: Int64
    public var provinceCode: String
    public var category: FeedbackCategory
    public var text: String
    public var phone: String?
    public var photoType: FeedbackPhoto.Format?
    public var status: FeedbackStatus
    public var critical: Bool
    public var receivedAt: Date
    public var reviewedBy: Int64?
    public var reviewedAt: Date?
    public var reviewNote: String?
    public var answer: String?
    public var answeredAt: Date?

    static let columns = [
        "id", "facility_id", "province_code", "category", "text", "phone", "photo_type", "status", "critical", "received_at", "reviewed_by", "reviewed_at",
        "review_note", "answer", "answered_at",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        facilityID = try row.decode(column: "facility_id", as: Int64.self)
        provinceCode = try row.decode(column: "province_code", as: String.self)
        category = try row.value("category", as: FeedbackCategory.self)
        text = try row.decode(column: "text", as: String.self)
        phone = try row.optionalString("phone")
        photoType = try row.optionalString("photo_type").flatMap(FeedbackPhoto.Format.init(rawValue:))
        status = try row.value("status", as: FeedbackStatus.self)
        critical = try row.decode(column: "critical", as: Int64.self) != 0
        receivedAt = try row.date("received_at")
        reviewedBy = try row.optionalInt64("reviewed_by")
        reviewedAt = try row.optionalInt64("reviewed_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        reviewNote = try row.optionalString("review_note")
        answer = try row.optionalString("answer")
        answeredAt = try row.optionalInt64("answered_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
