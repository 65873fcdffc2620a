import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// The desk's claims: the ranked queue, a claim with its items and history, similar claims,
/// and the desk's decisions, each kept with who and when. Reads of tips that carry a phone are
/// audited; publishing a verdict texts it to the tippers who wait for it.
struct ClaimService: Sendable {
    let claims: ClaimRepository
    let items: MisinformationItemRepository
    let users: UserRepository
    let matching: ClaimMatching
    let classifier: ClassifierService
    let verdicts: VerdictMessages
    let divisions: AdministrativeDivisions
    let audit: AuditRecorder
    let clock: WallClock

    /// A claim with its items and history.
    struct Detail: Sendable {
        var claim: ClaimRecord
        var items: [MisinformationItemRecord]
        var events: [ClaimEventRecord]
        var assignee: String?
    }

    /// A claim of the queue and the words that ranked it there.
    struct Ranked: Sendable {
        var claim: ClaimRecord
        var reasons: [String]
    }

    static let maximumItemsShown = 500

    /// Claim `id` with its items and history; the read is audited when a tip carries a phone.
    func detail(id: Int64, by principal: Principal, caller: Caller) async throws -> Detail {
        let claim = try await readable(id, by: principal)
        let items = try await items.items(ofClaim: id, limit: Self.maximumItemsShown)
        let withPhone = items.filter { $0.phone != nil }.count
        if withPhone > 0 {
            try await audit.record("misinformation.claim.read", subject: "mis_claim:\(id)", provinceCode: claim.provinceCode, detail: "\(withPhone) tips with phones", by: caller)
        }
        let assignee = try await claim.assigneeID.asyncMap { try await users.find(id: $0)?.username }
        return Detail(claim: claim, items: items, events: try await claims.events(ofClaim: id), assignee: assignee ?? nil)
    }

    /// Claims of `principal`'s scope matching `statuses` (every one when nil), newest first.
    func list(statuses: [ClaimStatus]?, by principal: Principal, beforeID: Int64?, limit: Int) async throws -> [ClaimRecord] {
        try await claims.list(.init(provinces: DeskScope.readable(by: principal), statuses: statuses), beforeID: beforeID, limit: limit)
    }

    /// The claims still to decide, highest score first, each with the words that pushed it up.
    func queue(by principal: Principal, offset: Int, limit: Int) async throws -> [Ranked] {
        let queued = try await claims.queue(provinces: DeskScope.readable(by: principal), offset: offset, limit: limit)
        let loaded = try await classifier.current()
        return queued.map { claim in
            Ranked(claim: claim, reasons: loaded.map { $0.classifier.reasons(for: PostSample(text: claim.title), limit: 5) } ?? [])
        }
    }

    /// The claims closest to `text` that `principal` reads, closest first.
    func similar(_ text: String, by principal: Principal, limit: Int) async throws -> [(claim: ClaimRecord, similarity: Double)] {
        guard (1...2_000).contains(text.count) else { throw ValidationFailure([FieldError(field: "text", message: "must be 1 to 2000 characters")]) }
        let matches = try await matching.closest(text.precomposedStringWithCanonicalMapping, limit: limit * 4)
        let found = Dictionary(uniqueKeysWithValues: try await claims.claims(ids: matches.map(\.claimID)).map { ($0.id, $0) })
        return matches.compactMap { match in
            found[match.claimID].flatMap { DeskScope.reads($0.provinceCode, by: principal) ? ($0, match.similarity) : nil }
        }.prefix(limit).map { $0 }
    }

    /// Applies `patch` to claim `id`; publishing texts the verdict to waiting tippers. Audited.
    func update(id: Int64, _ patch: ClaimPatch, by principal: Principal, caller: Caller) async throws -> ClaimRecord {
        _ = try await readable(id, by: principal)
        let assignee = try await assignee(patch.assigneeId)
        let now = clock.now
        let divisions = divisions
        guard let updated = try await claims.modify(id: id, actor: principal.user.username, at: now, { claim in
            var (changed, changes) = try ClaimChanges.apply(patch, to: claim, divisions: divisions, at: now)
            if case .some(let assigneeID) = patch.assigneeId, assigneeID != claim.assigneeID {
                changed.assigneeID = assigneeID
                changes.append(.init(.assigned, assignee ?? "-"))
            }
            try DeskScope.checkWrites(changed.provinceCode, by: principal)
            return (changed, changes)
        }) else { throw MisinformationError.claimNotFound(claimID: id) }
        try await audit.record("misinformation.claim.update", subject: "mis_claim:\(id)", provinceCode: updated.provinceCode, detail: updated.status.rawValue, by: caller)
        if updated.isPublished { try await verdicts.send(for: updated) }
        return updated
    }

    /// Published verdicts, newest first.
    func published(beforeID: Int64?, limit: Int) async throws -> [ClaimRecord] {
        try await claims.list(.init(publishedOnly: true), beforeID: beforeID, limit: limit)
    }

    /// A published claim with the addresses it was seen at; nil when it is not published.
    func publishedClaim(id: Int64) async throws -> (claim: ClaimRecord, appearances: [String])? {
        guard let claim = try await claims.find(id: id), claim.isPublished else { return nil }
        return (claim, try await appearances(of: id))
    }

    /// The distinct addresses where claim `id` was seen (at most 20).
    func appearances(of id: Int64) async throws -> [String] {
        var seen: Set<String> = []
        return try await items.items(ofClaim: id, limit: Self.maximumItemsShown).compactMap(\.url).filter { seen.insert($0).inserted }.prefix(20).map { $0 }
    }

    /// Claim `id` when `principal` reads it.
    func readable(_ id: Int64, by principal: Principal) async throws -> ClaimRecord {
        guard let claim = try await claims.find(id: id), DeskScope.reads(claim.provinceCode, by: principal) else { throw MisinformationError.claimNotFound(claimID: id) }
        return claim
    }

    /// The username of the desk account `id` names (nil: no one); a problem when it is not one.
    private func assignee(_ id: Int64??) async throws -> String? {
        guard case .some(.some(let userID)) = id else { return nil }
        guard let user = try await users.find(id: userID), DeskScope.desk.contains(user.role), user.disabledAt == nil else {
            throw ValidationFailure([FieldError(field: "assigneeId", message: "must name an active account of the desk")])
        }
        return user.username
    }
}
