import CovizoneCore
import CovizoneStore
import Foundation
import Messaging

/// The model of `GET /campaigns/{id}`: the message and what it costs, the rounds and their
/// figures, and the steps of the life cycle the account may take.
struct CampaignPage: Sendable {
    struct Summary: Sendable {
        var id: Int64
        var name: String
        var template: String
        var sender: String
        var channel: String
        var status: String
        var statusCode: String
        var audience: String
        var audienceDeleted: Bool
        var segment: String
        var hasSegment: Bool
        var createdBy: String
        var approvedBy: String
        var approvedMembers: Int
        var start: String
        var repeats: Bool
        var repeatEveryDays: Int
        var until: String
        var quiet: String
    }

    struct Preview: Sendable {
        var encoding: String
        var parts: Int
        var chars: Int
        var partTexts: [String]
    }

    struct Round: Sendable {
        var number: Int
        var due: String
        var status: String
        var hasFigures: Bool
        var recipients: Int
        var units: Int
        var submitted: Int
        var delivered: Int
        var failed: Int
        var pending: Int
        var reach: String
    }

    struct Step: Sendable {
        var step: String
        var label: String
    }

    var campaign: Summary
    var preview: Preview?
    /// The estimate, its operators by name.
    var estimate: CampaignEstimate
    var rounds: [Round]
    var hasRounds: Bool
    var errors: [String]
    var canEdit: Bool
    var steps: [Step]
    var awaitsSecondOfficer: Bool
    /// The newest round going out, minute by minute, as an SVG chart ("" when nothing to draw).
    var progressChart = ""
    /// The newest round's reach per province as an SVG chart.
    var reachChart = ""
    /// Whether a round is going out or awaits receipts, so that the page refreshes its figures.
    var sending: Bool

    init(
        _ overview: CampaignService.Overview, audience: (name: String, deleted: Bool)?, steps: [CampaignStatus.Step], mayChange: Bool, viewer: String,
        errors: [String], text: PageText, divisions: AdministrativeDivisions
    ) {
        let campaign = overview.campaign
        let content = campaign.content
        let segment = content.segment.provinces.map { divisions.province(code: $0)?.name ?? $0 }
            + content.segment.operators.map { MobileOperator.named($0)?.name ?? $0 } + content.segment.groups
        let quiet = content.schedule.quietHours
        self.campaign = Summary(
            id: campaign.id, name: content.name, template: content.template, sender: content.sender, channel: content.channel.rawValue,
            status: text("campaign_status_\(campaign.status.rawValue)"), statusCode: campaign.status.rawValue, audience: audience?.name ?? "",
            audienceDeleted: audience?.deleted ?? false, segment: segment.joined(separator: ", "), hasSegment: !segment.isEmpty, createdBy: campaign.createdBy,
            approvedBy: campaign.approvedBy ?? "", approvedMembers: campaign.approvedMembers ?? 0, start: PageText.wallClock(content.schedule.start),
            repeats: content.schedule.repeatEveryDays != nil, repeatEveryDays: content.schedule.repeatEveryDays ?? 0,
            until: content.schedule.until.map(PageText.wallClock) ?? "", quiet: "\(CampaignJSON.Schedule.clock(quiet.start))–\(CampaignJSON.Schedule.clock(quiet.end))"
        )
        preview = overview.longest.map { Preview(encoding: $0.encoding.rawValue, parts: $0.partCount, chars: $0.length, partTexts: $0.parts) }
        estimate = overview.estimate
        estimate.byOperator = estimate.byOperator.map { share in
            var named = share
            named.operator = MobileOperator.named(share.operator)?.name ?? share.operator
            return named
        }
        rounds = overview.rounds.map { round, statistics in
            let figures = statistics?.total
            return Round(
                number: round.number, due: PageText.wallClock(round.dueAt), status: text("round_status_\(round.status.rawValue)"), hasFigures: figures != nil,
                recipients: figures?.recipients ?? round.recipients, units: figures?.units ?? 0, submitted: figures?.submitted ?? 0,
                delivered: figures?.delivered ?? 0, failed: figures?.failed ?? 0, pending: figures?.pending ?? 0,
                reach: figures.map { String(format: "%.1f", $0.reachPercent) } ?? ""
            )
        }
        hasRounds = !rounds.isEmpty
        sending = overview.rounds.contains { $0.round.status == .queued || ($0.statistics?.total.pending ?? 0) > 0 }
        if let (round, statistics) = overview.rounds.last(where: { $0.statistics != nil }), let statistics {
            progressChart = Self.progressChart(overview.progress, round: round.number, total: statistics.total, text: text)
            reachChart = Self.reachChart(statistics, round: round.number, text: text, divisions: divisions)
        }
        self.errors = errors
        canEdit = mayChange && campaign.status.isEditable
        self.steps = steps.map { Step(step: $0.rawValue, label: text("campaign_step_\($0.rawValue)")) }
        awaitsSecondOfficer = campaign.status == .draft && campaign.createdBy == viewer
    }
}
