import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Foundation
import Messaging

/// Campaigns, with the checks that keep them sound: templates and schedules are checked when
/// written, a campaign is approved by an officer other than its author, and everyone stays
/// within their province.
struct CampaignService: Sendable {
    let campaigns: CampaignRepository
    let statistics: CampaignStatisticsRepository
    let audiences: AudienceService
    let messages: CampaignMessages
    let audit: AuditRecorder
    let clock: WallClock
    let settings: MessagingSettings

    /// A campaign with what officers weigh before approving it and what its rounds did since.
    struct Overview: Sendable {
        var campaign: CampaignRecord
        /// The most expensive province's rendering (nil when the template does not render).
        var longest: SMSMessage?
        var estimate: CampaignEstimate
        var rounds: [(round: CampaignRound, statistics: RoundStatistics?)]
        /// How the newest round with figures went out, minute by minute (empty once purged).
        var progress: [RoundProgressCount]
    }

    /// Checks what an officer wrote; every problem at once.
    func check(_ content: CampaignContent, for principal: Principal) async throws {
        var problems: [FieldError] = []
        if !(1...200).contains(content.name.trimmingCharacters(in: .whitespaces).count) {
            problems.append(FieldError(field: "name", message: "must be 1 to 200 characters"))
        }
        if content.channel == .http, (content.httpTemplate ?? "").isEmpty {
            problems.append(FieldError(field: "httpTemplate", message: "is required for the HTTP channel"))
        }
        if content.channel == .http, settings.httpProviders.isEmpty {
            problems.append(FieldError(field: "channel", message: "no HTTP provider is configured on this server"))
        }
        if !(1...settings.maximumParts).contains(content.maximumParts) {
            problems.append(FieldError(field: "maximumParts", message: "must be 1 to \(settings.maximumParts)"))
        } else {
            do {
                _ = try messages.longest(content)
            } catch {
                problems.append(FieldError(field: "template", message: error.description))
            }
        }
        if content.sender.isEmpty || content.sender.count > 11 && !content.sender.allSatisfy(\.isNumber) || content.sender.count > 16
            || !content.sender.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") })
        {
            problems.append(FieldError(field: "sender", message: "must be a short code or up to 11 letters and digits"))
        }
        for operatorID in content.segment.operators where MobileOperator.named(operatorID) == nil {
            problems.append(FieldError(field: "segment.operators", message: "names no mobile operator: \(operatorID)"))
        }
        for province in content.segment.provinces where audiences.divisions.province(code: province) == nil {
            problems.append(FieldError(field: "segment.provinces", message: "names no province: \(province)"))
        }
        if let own = content.provinceCode, content.segment.provinces.contains(where: { $0 != own }) {
            problems.append(FieldError(field: "segment.provinces", message: "must stay within the campaign's province \(own)"))
        }
        problems += content.schedule.problems.map { FieldError(field: "schedule." + $0.field, message: $0.message) }
        try ValidationFailure.check(problems)
        _ = try await audiences.audience(content.audienceID, for: principal)
    }

    func create(_ content: CampaignContent, by principal: Principal) async throws -> CampaignRecord {
        var content = content
        content.provinceCode = try CampaignScope.ownerProvince(content.provinceCode, of: principal, divisions: audiences.divisions)
        if let own = content.provinceCode, content.segment.provinces.isEmpty { content.segment.provinces = [own] }
        try await check(content, for: principal)
        let id = try await campaigns.create(content, by: principal.user.username, at: clock.now)
        return try await campaign(id, for: principal)
    }

    func update(_ id: Int64, with content: CampaignContent, by principal: Principal) async throws -> CampaignRecord {
        let current = try await editableCampaign(id, for: principal)
        var content = content
        content.provinceCode = current.content.provinceCode
        if let own = content.provinceCode, content.segment.provinces.isEmpty { content.segment.provinces = [own] }
        try await check(content, for: principal)
        guard try await campaigns.update(id: id, with: content, at: clock.now) else { throw CampaignError.notADraft(current.status) }
        return try await campaign(id, for: principal)
    }

    /// The campaigns `principal` may see: its province's and the national ones.
    func list(for principal: Principal) async throws -> [CampaignRecord] {
        try await campaigns.campaigns(ownedBy: principal.scope.provinceCode)
    }

    func campaign(_ id: Int64, for principal: Principal) async throws -> CampaignRecord {
        guard let campaign = try await campaigns.campaign(id: id), CampaignScope.isVisible(campaign.content.provinceCode, to: principal) else {
            throw CampaignError.campaignNotFound(id)
        }
        return campaign
    }

    /// The steps of the life cycle `principal` may take on `campaign` now.
    func steps(on campaign: CampaignRecord, for principal: Principal) -> [CampaignStatus.Step] {
        guard mayChange(campaign, principal) else { return [] }
        return CampaignStatus.Step.allCases.filter { step in
            campaign.status.after(step) != nil && !(step == .approve && campaign.createdBy == principal.user.username)
        }
    }

    /// True when `principal` is an officer of `campaign`'s province (or a national one).
    func mayChange(_ campaign: CampaignRecord, _ principal: Principal) -> Bool {
        CampaignScope.officers.contains(principal.user.role) && CampaignScope.owns(campaign.content.provinceCode, principal)
    }

    /// Takes a step of the life cycle, refused when the campaign is not where the step starts or
    /// when its author would approve it.
    func take(_ step: CampaignStatus.Step, on id: Int64, by principal: Principal, caller: Caller) async throws -> CampaignRecord {
        let campaign = try await editableCampaign(id, for: principal)
        guard let next = campaign.status.after(step) else { throw CampaignError.wrongStatus(campaign.status, step: step) }
        if step == .approve, campaign.createdBy == principal.user.username { throw CampaignError.approverIsAuthor }
        guard try await campaigns.move(id: id, from: campaign.status, to: next, by: principal.user.username, at: clock.now) else {
            throw CampaignError.changedMeanwhile
        }
        try await audit.record(
            "campaigns.\(step.rawValue)", subject: "campaign \(id)", provinceCode: campaign.content.provinceCode, detail: campaign.content.name, by: caller
        )
        return try await self.campaign(id, for: principal)
    }

    /// The whole campaign: its costliest message, the estimate, and its rounds with their figures.
    func overview(of campaign: CampaignRecord) async throws -> Overview {
        let reach = try await audiences.audiences.reach(audienceID: campaign.content.audienceID, segment: campaign.content.segment)
        let rounds = try await campaigns.rounds(campaignID: campaign.id)
        let estimate = CampaignEstimate(reach: reach, rounds: rounds.isEmpty ? campaign.content.schedule.roundTimes().count : rounds.count) { province in
            (try? messages.message(campaign.content, provinceCode: province).partCount) ?? 0
        }
        var figures: [(round: CampaignRound, statistics: RoundStatistics?)] = []
        for round in rounds {
            figures.append((round, round.status.hasFigures ? RoundStatistics(tallies: try await statistics.tallies(roundID: round.id)) : nil))
        }
        var progress: [RoundProgressCount] = []
        if let newest = figures.last(where: { $0.statistics != nil })?.round {
            progress = try await statistics.progress(roundID: newest.id)
        }
        return Overview(campaign: campaign, longest: try? messages.longest(campaign.content), estimate: estimate, rounds: figures, progress: progress)
    }

    /// The newest round of `campaign` that has figures, with them; nil before any went out. A
    /// light read (no estimate, no progress) for the dashboard and whoever waits for a round.
    func latestFigures(of campaign: CampaignRecord) async throws -> (round: CampaignRound, statistics: RoundStatistics)? {
        guard let round = try await campaigns.rounds(campaignID: campaign.id).last(where: \.status.hasFigures) else { return nil }
        return (round, RoundStatistics(tallies: try await statistics.tallies(roundID: round.id)))
    }

    /// Round `number` of a campaign `principal` may read, with its figures.
    func round(_ number: Int, ofCampaign id: Int64, for principal: Principal) async throws -> (CampaignRecord, CampaignRound, RoundStatistics) {
        let campaign = try await campaign(id, for: principal)
        guard let round = try await campaigns.rounds(campaignID: campaign.id).first(where: { $0.number == number }) else {
            throw CampaignError.roundNotFound(campaignID: campaign.id, number: number)
        }
        return (campaign, round, RoundStatistics(tallies: try await statistics.tallies(roundID: round.id)))
    }

    private func editableCampaign(_ id: Int64, for principal: Principal) async throws -> CampaignRecord {
        let campaign = try await campaign(id, for: principal)
        guard mayChange(campaign, principal) else { throw CampaignError.notYourProvince(.campaign) }
        return campaign
    }
}
