import CovizoneCore
import CovizoneStore
import FacilitySafety

/// The model of `GET /safety/review`: citizens' reports of the officer's province in one status
/// (in review first), each with the decision form.
struct SafetyReviewPage: Sendable {
    struct Item: Sendable {
        var id: Int64
        var facilityID: Int64
        var facilityName: String
        var category: String
        var critical: Bool
        var text: String
        var phone: String?
        var receivedAt: String
        var state: String
        var hasPhoto: Bool
        var note: String?
    }

    var items: [Item]
    var hasItems: Bool
    var statuses: [PageOption]
    var decisions: [PageOption]

    init(reports: [FeedbackRecord], facilityNames: [Int64: String], status: FeedbackStatus, text: PageText) {
        let labels = SafetyLabels(text: text)
        items = reports.map { report in
            Item(
                id: report.id, facilityID: report.facilityID, facilityName: facilityNames[report.facilityID] ?? "#\(report.facilityID)",
                category: labels.category(report.category), critical: report.critical, text: report.text, phone: report.phone,
                receivedAt: PageText.time(report.receivedAt), state: labels.feedbackStatus(report.status), hasPhoto: report.photoType != nil,
                note: report.reviewNote
            )
        }
        hasItems = !items.isEmpty
        statuses = FeedbackStatus.allCases.map { PageOption(code: $0.rawValue, label: labels.feedbackStatus($0), selected: $0 == status) }
        decisions = FeedbackStatus.decisions.map { PageOption(code: $0.rawValue, label: text("feedback_decision_\($0.rawValue)"), selected: false) }
    }
}
