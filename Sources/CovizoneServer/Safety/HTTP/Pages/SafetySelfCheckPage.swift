import CovizoneCore
import CovizoneStore
import FacilitySafety

/// The model of `GET /safety/manage/{id}`: the day's checklist as a phone-sized form with the
/// commitment, what the last self-check earned, and the published reports the manager answers.
struct SafetySelfCheckPage: Sendable {
    struct Item: Sendable {
        var id: String
        var text: String
        var critical: Bool
        var source: String
        var checked: Bool
    }

    /// What the self-check just made earned.
    struct Result: Sendable {
        var score: Int
        var level: String
        var status: String
        var statusLabel: String
        var reasons: [String]
        var hasReasons: Bool
    }

    struct Report: Sendable {
        var id: Int64
        var facilityID: Int64
        var canAnswer: Bool
        var category: String
        var text: String
        var receivedAt: String
        var state: String
        var answer: String?
    }

    var id: Int64
    var name: String
    var status: String
    var statusLabel: String
    /// A verified report of a critical lapse keeps the facility red until answered and re-checked.
    var alerted: Bool
    var checklistTitle: String
    var checklistSource: String
    var version: Int
    var items: [Item]
    var isManager: Bool
    var result: Result?
    var errors: [String]
    var reports: [Report]
    var hasReports: Bool

    init(
        facility: FacilityRecord, checklist: SafetyChecklist, latest: SelfCheckRecord?, result: SelfCheckAssessment?, errors: [String],
        reports published: [FeedbackRecord], isManager: Bool, today: Int, text: PageText
    ) {
        let labels = SafetyLabels(text: text)
        let language = text.language.rawValue
        id = facility.id
        name = facility.details.name
        let current = facility.status(today: today)
        status = current.rawValue
        statusLabel = labels.status(current)
        alerted = facility.alertSince != nil
        checklistTitle = checklist.title.text(in: language)
        checklistSource = checklist.source
        version = checklist.version
        // Today's last answers are ticked again; a new day starts blank, as the commitment is daily.
        let previous = latest?.day == today && latest?.checklistVersion == checklist.version ? latest?.answers ?? [:] : [:]
        items = checklist.items.map { item in
            Item(id: item.id, text: item.text.text(in: language), critical: item.critical, source: item.source, checked: previous[item.id] ?? false)
        }
        self.isManager = isManager
        let itemTexts = Dictionary(uniqueKeysWithValues: checklist.items.map { ($0.id, $0.text.text(in: language)) })
        self.result = result.map { result in
            Result(
                score: result.score, level: labels.riskLevel(result.riskLevel), status: result.status.rawValue, statusLabel: labels.status(result.status),
                reasons: result.reasons.map { itemTexts[$0] ?? $0 }, hasReasons: !result.reasons.isEmpty
            )
        }
        self.errors = errors
        reports = published.map { report in
            Report(
                id: report.id, facilityID: facility.id, canAnswer: isManager, category: labels.category(report.category), text: report.text, receivedAt: PageText.time(report.receivedAt),
                state: labels.feedbackStatus(report.status), answer: report.answer
            )
        }
        hasReports = !reports.isEmpty
    }
}
