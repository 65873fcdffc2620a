import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// Accounts that spread claims: platform, handle, address, the claims and posts linked, and the
/// decisions taken (warning, fine, referral) with their basis and officer. Only the desk reads
/// them, every read audited; each is forgotten once nothing happened to it for the retention.
struct SpreaderService: Sendable {
    let accounts: SpreaderAccountRepository
    let claims: ClaimService
    let items: MisinformationItemRepository
    let settings: MisinformationSettings
    let audit: AuditRecorder
    let clock: WallClock

    /// An account linked to a claim (created when new).
    struct Link: Decodable, Sendable {
        var platform: String
        var handle: String
        var url: String? = nil
        var claimId: Int64
        var itemId: Int64? = nil
    }

    /// A decision about an account.
    struct Decision: Decodable, Sendable {
        var kind: SpreaderAccountRecord.Decision.Kind
        var basis: String
        var note: String?
    }

    func link(_ link: Link, by principal: Principal, caller: Caller) async throws -> SpreaderAccountRecord {
        let claim = try await claims.readable(link.claimId, by: principal)
        try DeskScope.checkWrites(claim.provinceCode, by: principal)
        var problems: [FieldError] = []
        let platform = link.platform.lowercased()
        if settings.platform(named: platform) == nil {
            problems.append(FieldError(field: "platform", message: "must be one of " + settings.platforms.map(\.name).joined(separator: ", ")))
        }
        let handle = link.handle.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...200).contains(handle.count) { problems.append(FieldError(field: "handle", message: "must be 1 to 200 characters")) }
        let url = link.url.flatMap { $0.isEmpty ? nil : $0 }
        if let url, PostURL.canonical(url) == nil { problems.append(FieldError(field: "url", message: "must be an http or https address")) }
        if let itemID = link.itemId, try await items.items(ids: [itemID]).first?.claimID != claim.id {
            problems.append(FieldError(field: "itemId", message: "must name an item of the claim"))
        }
        try ValidationFailure.check(problems)
        let account = try await accounts.record(
            platform: platform, handle: handle, url: url, provinceCode: principal.scope.provinceCode ?? claim.provinceCode, claimID: claim.id, itemID: link.itemId,
            by: principal.user.username, at: clock.now
        )
        try await audit.record("misinformation.account.link", subject: "mis_account:\(account.id)", provinceCode: account.provinceCode, by: caller)
        return account
    }

    func decide(accountID: Int64, _ decision: Decision, by principal: Principal, caller: Caller) async throws -> SpreaderAccountRecord {
        let account = try await read(accountID, by: principal, caller: nil)
        try DeskScope.checkWrites(account.provinceCode, by: principal)
        let basis = decision.basis.trimmingCharacters(in: .whitespacesAndNewlines)
        let note = decision.note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var problems: [FieldError] = []
        if !(1...500).contains(basis.count) { problems.append(FieldError(field: "basis", message: "must be 1 to 500 characters")) }
        if note.count > 2_000 { problems.append(FieldError(field: "note", message: "must be at most 2000 characters")) }
        try ValidationFailure.check(problems)
        guard let decided = try await accounts.decide(id: accountID, kind: decision.kind, basis: basis, note: note, by: principal.user.username, at: clock.now) else {
            throw MisinformationError.accountNotFound(accountID: accountID)
        }
        try await audit.record("misinformation.account.decide", subject: "mis_account:\(accountID)", provinceCode: decided.provinceCode, detail: decision.kind.rawValue, by: caller)
        return decided
    }

    /// Account `id` with its links and decisions; the read is audited when `caller` is given.
    func read(_ id: Int64, by principal: Principal, caller: Caller?) async throws -> SpreaderAccountRecord {
        guard let account = try await accounts.find(id: id), DeskScope.reads(account.provinceCode, by: principal) else {
            throw MisinformationError.accountNotFound(accountID: id)
        }
        if let caller { try await audit.record("misinformation.account.read", subject: "mis_account:\(id)", provinceCode: account.provinceCode, by: caller) }
        return account
    }

    /// The accounts of `principal`'s scope, newest first; the read is audited.
    func list(by principal: Principal, caller: Caller, beforeID: Int64?, limit: Int) async throws -> [SpreaderAccountRecord] {
        let found = try await accounts.list(provinces: DeskScope.readable(by: principal), beforeID: beforeID, limit: limit)
        try await audit.record("misinformation.accounts.list", subject: "mis_accounts", provinceCode: principal.scope.provinceCode, detail: "\(found.count) accounts", by: caller)
        return found
    }
}
