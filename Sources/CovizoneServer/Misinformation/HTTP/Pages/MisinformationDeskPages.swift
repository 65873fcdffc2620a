import Charts
import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// The model of `GET /misinformation`: the ranked queue, the classifier's newest version and the
/// desk's figures as charts, with the forms to import posts and to train.
struct MisinformationDeskPage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var title: String
        var statusLabel: String
        var statusClass: String
        var score: String
        var items: Int
        var reasons: String
        var place: String
        var firstSeenAt: String
    }

    struct Model: Sendable {
        var id: Int64
        var samples: Int
        var auc: String
        var precision: String
        var recall: String
        var trainedAt: String
        var trainedBy: String
    }

    var queue: [Row]
    var hasQueue: Bool
    var model: Model?
    var headline: String
    var tipsChart: String
    var statusChart: String
    var takedownChart: String
    var notice: String?
    var errors: [String] = []
}

/// The model of `GET /misinformation/claims/{id}`: the claim, its items and history, claims like
/// it, and the forms to decide it, ask a platform to take it down, link a spreader, and answer it
/// with official information.
struct MisinformationClaimPage: Sendable {
    struct Item: Sendable {
        var id: Int64
        var kindLabel: String
        var channel: String
        var text: String
        var url: String?
        var platform: String?
        var author: String?
        var postedAt: String?
        var spread: String
        var phone: String?
        var score: String
        var receivedAt: String
    }

    struct Event: Sendable {
        var kindLabel: String
        var detail: String
        var actor: String
        var at: String
    }

    struct Similar: Sendable {
        var id: Int64
        var title: String
        var similarity: String
        var statusLabel: String
    }

    var id: Int64
    /// Not `title`: the layout's page title goes by that name.
    var claimTitle: String
    var statusLabel: String
    var statusClass: String
    var place: String
    var score: String
    var verdictVi: String
    var verdictEn: String
    var sourceURL: String
    var evidence: String
    var published: Bool
    var publicHref: String?
    var items: [Item]
    var history: [Event]
    var similar: [Similar]
    /// Stored, not computed: templates read a model's stored properties only.
    var hasSimilar: Bool
    var statusOptions: [PageOption]
    var provinceOptions: [PageOption]
    var platformOptions: [PageOption]
    var legalBasis: String
    var takedowns: [MisinformationTakedownsPage.Row]
    /// Links that open a campaign or an announcement with the verdict written in (a verdict only).
    var campaignHref: String?
    var announcementHref: String?
    var notice: String?
    var errors: [String] = []
}

/// The model of `GET /misinformation/takedowns`: requests with their SLA clock, the overdue marked.
struct MisinformationTakedownsPage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var claimID: Int64
        var platform: String
        var legalBasis: String
        var items: Int
        var stateLabel: String
        var createdAt: String
        var sentAt: String?
        var dueAt: String?
        var outcomeLabel: String?
        var overdue: Bool
        var canSend: Bool
        var canAcknowledge: Bool
        var canClose: Bool
    }

    var rows: [Row]
    var hasRows: Bool
    var outcomeOptions: [PageOption]
    var notice: String?
    var errors: [String] = []
}

extension MisinformationTakedownsPage.Row {
    init(_ request: TakedownRecord, now: Date, text: PageText) {
        id = request.id
        claimID = request.claimID
        platform = text.label("mis_platform_", request.platform)
        legalBasis = request.legalBasis
        items = request.itemIDs.count
        let state = request.closedAt != nil ? "closed" : request.acknowledgedAt != nil ? "acknowledged" : request.sentAt != nil ? "sent" : "draft"
        stateLabel = text("mis_takedown_\(state)")
        createdAt = PageText.wallClock(request.createdAt)
        sentAt = request.sentAt.map(PageText.wallClock)
        dueAt = request.dueAt.map(PageText.wallClock)
        outcomeLabel = request.outcome.map { text("mis_outcome_\($0.rawValue)") }
        overdue = request.isOverdue(at: now)
        canSend = request.sentAt == nil
        canAcknowledge = request.sentAt != nil && request.acknowledgedAt == nil && request.closedAt == nil
        canClose = request.sentAt != nil && request.closedAt == nil
    }
}

extension DeskFigures.Summary {
    func headline(_ text: PageText) -> String {
        text("mis_figures", [
            "tips": String(days.map(\.tips).reduce(0, +)), "days": String(days.count),
            "open": String(claimsByStatus.filter { [.undetermined, .inProgress].contains($0.status) }.map(\.claims).reduce(0, +)),
            "median": medianHoursToVerdict.map { String(format: "%.1f", $0) } ?? "–",
        ])
    }

    /// Tips a day as bars (a card's size when `small`).
    func tipsChart(_ text: PageText, small: Bool = false) -> String {
        guard days.contains(where: { $0.tips > 0 }) else { return "" }
        let title = text("mis_chart_tips")
        return Chart(
            style: .bars, title: title, summary: headline(text), categories: days.map { String(VietnamDay.string(ofNumber: $0.day).suffix(5)) },
            series: [Chart.Series(name: title, values: days.map { Double($0.tips) })]
        ).svg(width: small ? 320 : 720, height: small ? 140 : 240)
    }

    /// Claims by status as bars.
    func statusChart(_ text: PageText) -> String {
        guard claimsByStatus.contains(where: { $0.claims > 0 }) else { return "" }
        let title = text("mis_chart_status")
        return Chart(
            style: .bars, title: title, summary: title, categories: claimsByStatus.map { text("mis_status_\($0.status.rawValue)") },
            series: [Chart.Series(name: title, values: claimsByStatus.map { Double($0.claims) })]
        ).svg(width: 720, height: 240)
    }

    /// Takedown outcomes per platform, stacked (open requests included).
    func takedownChart(_ text: PageText) -> String {
        guard !takedowns.isEmpty else { return "" }
        let title = text("mis_chart_takedowns")
        let outcomes = ["open"] + TakedownRecord.Outcome.allCases.map(\.rawValue)
        return Chart(
            style: .stackedBars, title: title, summary: title, categories: takedowns.map { text.label("mis_platform_", $0.platform) },
            series: outcomes.map { outcome in
                Chart.Series(name: text("mis_outcome_\(outcome)"), values: takedowns.map { Double($0.outcomes[outcome] ?? 0) })
            }
        ).svg(width: 720, height: 240)
    }
}
