import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// Requests to platforms to take down the posts of a claim found false or misleading: drafted
/// with the items and the legal basis, sent (the platform's SLA clock starts), acknowledged,
/// closed with what the platform did; exported as the rows a platform's legal-request portal takes.
struct TakedownService: Sendable {
    let takedowns: TakedownRepository
    let claims: ClaimService
    let items: MisinformationItemRepository
    let settings: MisinformationSettings
    let audit: AuditRecorder
    let clock: WallClock

    /// A request as drafted.
    struct Draft: Decodable, Sendable {
        var claimId: Int64
        var platform: String
        /// The items named (default: the claim's posts on the platform).
        var itemIds: [Int64]? = nil
        var legalBasis: String? = nil
    }

    /// What happened to a request.
    struct Step: Decodable, Sendable {
        enum Action: String, Decodable, Sendable {
            case send, acknowledge, close
        }

        var action: Action
        var outcome: TakedownRecord.Outcome?
        var removedAt: Date?
    }

    func create(_ draft: Draft, by principal: Principal, caller: Caller) async throws -> TakedownRecord {
        let claim = try await claims.readable(draft.claimId, by: principal)
        try DeskScope.checkWrites(claim.provinceCode, by: principal)
        var problems: [FieldError] = []
        if ![ClaimStatus.false, .misleading].contains(claim.status) {
            problems.append(FieldError(field: "claimId", message: "the claim must be found false or misleading first"))
        }
        let platform = draft.platform.lowercased()
        if settings.platform(named: platform) == nil {
            problems.append(FieldError(field: "platform", message: "must be one of " + settings.platforms.map(\.name).joined(separator: ", ")))
        }
        let basis = (draft.legalBasis ?? settings.defaultLegalBasis).trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...500).contains(basis.count) { problems.append(FieldError(field: "legalBasis", message: "must be 1 to 500 characters")) }
        let claimItems = try await items.items(ofClaim: claim.id, limit: ClaimService.maximumItemsShown)
        let named: [MisinformationItemRecord]
        if let ids = draft.itemIds {
            named = claimItems.filter { ids.contains($0.id) }
            if named.count != Set(ids).count || named.contains(where: { $0.url == nil }) {
                problems.append(FieldError(field: "itemIds", message: "must name items of this claim that have an address"))
            }
        } else {
            named = claimItems.filter { $0.kind == .post && $0.platform == platform && $0.url != nil }
        }
        if named.isEmpty, problems.isEmpty { problems.append(FieldError(field: "itemIds", message: "the claim has no post with an address on \(platform)")) }
        try ValidationFailure.check(problems)
        let created = try await takedowns.create(
            claimID: claim.id, platform: platform, legalBasis: basis, provinceCode: claim.provinceCode, itemIDs: named.map(\.id), by: principal.user.username,
            at: clock.now
        )
        try await audit.record("misinformation.takedown.create", subject: "mis_takedown:\(created.id)", provinceCode: claim.provinceCode, detail: platform, by: caller)
        return created
    }

    /// Records `step` on request `id`.
    func advance(id: Int64, _ step: Step, by principal: Principal, caller: Caller) async throws -> TakedownRecord {
        let current = try await readable(id, by: principal)
        try DeskScope.checkWrites(current.provinceCode, by: principal)
        let now = clock.now
        let sla = TimeInterval(settings.platform(named: current.platform)?.slaHours ?? 72) * 3600
        guard let updated = try await takedowns.update(id: id, { request throws(MisinformationError) in
            try Self.apply(step, to: request, slaSeconds: sla, at: now)
        }) else { throw MisinformationError.takedownNotFound(takedownID: id) }
        try await audit.record("misinformation.takedown.\(step.action.rawValue)", subject: "mis_takedown:\(id)", provinceCode: updated.provinceCode, by: caller)
        return updated
    }

    /// `request` after `step`, or why it cannot take it.
    static func apply(_ step: Step, to request: TakedownRecord, slaSeconds: TimeInterval, at now: Date) throws(MisinformationError) -> TakedownRecord {
        var request = request
        guard request.closedAt == nil else { throw .takedownState("The request is closed.") }
        switch step.action {
        case .send:
            guard request.sentAt == nil else { throw .takedownState("The request was already sent.") }
            request.sentAt = now
            request.dueAt = now + slaSeconds
        case .acknowledge:
            guard request.sentAt != nil, request.acknowledgedAt == nil else { throw .takedownState("Only a sent request not yet acknowledged can be acknowledged.") }
            request.acknowledgedAt = now
        case .close:
            guard let sentAt = request.sentAt else { throw .takedownState("Only a sent request can be closed.") }
            guard let outcome = step.outcome else { throw .takedownState("Closing needs the outcome: removed, partly-removed, restricted or refused.") }
            if outcome == .removed || outcome == .partlyRemoved {
                let removedAt = step.removedAt ?? now
                guard removedAt >= sentAt, removedAt <= now else { throw .takedownState("The removal time must lie between sending and now.") }
                request.removedAt = removedAt
            }
            request.outcome = outcome
            request.closedAt = now
        }
        return request
    }

    func list(by principal: Principal, claimID: Int64?, openOnly: Bool, beforeID: Int64?, limit: Int) async throws -> [TakedownRecord] {
        try await takedowns.list(provinces: DeskScope.readable(by: principal), claimID: claimID, openOnly: openOnly, beforeID: beforeID, limit: limit)
    }

    func readable(_ id: Int64, by principal: Principal) async throws -> TakedownRecord {
        guard let request = try await takedowns.find(id: id), DeskScope.reads(request.provinceCode, by: principal) else {
            throw MisinformationError.takedownNotFound(takedownID: id)
        }
        return request
    }

    /// One row of an export: a post to take down.
    struct ExportRow: Encodable, Sendable {
        var requestId: Int64
        var platform: String
        var url: String
        var author: String?
        var postedAt: Date?
        var excerpt: String
        var claimId: Int64
        var verdict: String
        var legalBasis: String
        var requestedAt: Date
    }

    /// The posts request `id` names, as a platform's legal-request portal takes them; audited.
    func export(id: Int64, by principal: Principal, caller: Caller) async throws -> [ExportRow] {
        let request = try await readable(id, by: principal)
        let claim = try await claims.readable(request.claimID, by: principal)
        let named = try await items.items(ids: request.itemIDs)
        try await audit.record("misinformation.takedown.export", subject: "mis_takedown:\(id)", provinceCode: request.provinceCode, by: caller)
        return named.compactMap { item in
            item.url.map { url in
                ExportRow(
                    requestId: request.id, platform: request.platform, url: url, author: item.author, postedAt: item.postedAt, excerpt: String(item.text.prefix(280)),
                    claimId: claim.id, verdict: claim.verdict?.vi ?? claim.status.rawValue, legalBasis: request.legalBasis, requestedAt: request.sentAt ?? request.createdAt
                )
            }
        }
    }
}
