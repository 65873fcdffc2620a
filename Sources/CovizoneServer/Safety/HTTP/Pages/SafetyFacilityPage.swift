import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation

/// The model of the public `GET /safety/facilities/{id}`: what the facility is, its colour
/// today and why, its self-checks, its published reports with the manager's answers, and the
/// form to report a problem.
struct SafetyFacilityPage: Sendable {
    struct HistoryRow: Sendable {
        var checkedAt: String
        var score: Int
        var level: String
        var status: String
        var statusLabel: String
    }

    struct Report: Sendable {
        var id: Int64
        var category: String
        var text: String
        var receivedAt: String
        var state: String
        var verified: Bool
        var hasPhoto: Bool
        var answer: String?
        var answeredAt: String?
    }

    /// What the report form holds, as typed, and its problems.
    struct ReportForm: Sendable {
        var category = ""
        var text = ""
        var phone = ""
        var errors: [String] = []

        init() {}

        init(submission: FeedbackService.Submission, errors: [String]) {
            category = submission.category
            text = submission.text
            phone = submission.phone ?? ""
            self.errors = errors
        }
    }

    var id: Int64
    var name: String
    var type: String
    var address: String
    var place: String
    var status: String
    var statusLabel: String
    var score: String
    var riskLevel: String
    var reportedAt: String
    var alerted: Bool
    /// The tasks the latest self-check left undone, in the page's language.
    var reasons: [String]
    var hasReasons: Bool
    var history: [HistoryRow]
    var hasHistory: Bool
    var reports: [Report]
    var hasReports: Bool
    var form: ReportForm
    var categories: [PageOption]
    var sent: Bool

    init(
        facility: FacilityRecord, checklist: SafetyChecklist, history checks: [SelfCheckRecord], reports published: [FeedbackRecord], form: ReportForm,
        sent: Bool, today: Int, text: PageText, divisions: AdministrativeDivisions
    ) {
        let labels = SafetyLabels(text: text)
        let language = text.language.rawValue
        let details = facility.details
        id = facility.id
        name = details.name
        type = labels.type(details.type)
        address = details.address
        place = [divisions.ward(code: details.wardCode)?.name, divisions.province(code: details.provinceCode)?.name].compactMap { $0 }.joined(separator: ", ")
        let current = facility.status(today: today)
        status = current.rawValue
        statusLabel = labels.status(current)
        score = facility.latest.map { "\($0.score) %" } ?? "–"
        riskLevel = facility.latest.map { labels.riskLevel($0.riskLevel) } ?? "–"
        reportedAt = facility.latest.map { PageText.time($0.reportedAt) } ?? text("safety_never_reported")
        alerted = facility.alertSince != nil
        let itemTexts = Dictionary(uniqueKeysWithValues: checklist.items.map { ($0.id, $0.text.text(in: language)) })
        reasons = (checks.first?.day == today ? checks.first?.reasons ?? [] : []).map { itemTexts[$0] ?? $0 }
        hasReasons = !reasons.isEmpty
        history = checks.map { check in
            HistoryRow(
                checkedAt: PageText.time(check.checkedAt), score: check.score, level: labels.riskLevel(check.riskLevel), status: check.status.rawValue,
                statusLabel: labels.status(check.status)
            )
        }
        hasHistory = !history.isEmpty
        reports = published.map { report in
            Report(
                id: report.id, category: labels.category(report.category), text: report.text, receivedAt: PageText.time(report.receivedAt),
                state: labels.feedbackStatus(report.status), verified: report.status == .verified, hasPhoto: report.photoType != nil, answer: report.answer,
                answeredAt: report.answeredAt.map(PageText.time)
            )
        }
        hasReports = !reports.isEmpty
        self.form = form
        categories = labels.categoryOptions(selected: form.category)
        self.sent = sent
    }
}
