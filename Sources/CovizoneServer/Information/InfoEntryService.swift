import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// Question-and-answer entries: officers write and revise them (every revision kept and
/// audited); citizens read the published ones.
struct InfoEntryService: Sendable {
    let entries: InfoEntryRepository
    let divisions: AdministrativeDivisions
    let audit: AuditRecorder
    let clock: WallClock

    /// An entry as officers send it (`validFrom`/`validUntil` as ISO 8601 times).
    struct Draft: Decodable, Sendable {
        var question: BilingualText
        var answer: BilingualText
        var shortAnswer: BilingualText?
        var topics: [String]?
        var provinceCode: String?
        var source: String?
        var validFrom: String?
        var validUntil: String?
        var publish: Bool?
    }

    static let maximumQuestion = 500
    static let maximumAnswer = 4_000
    /// Two SMS parts written without diacritics.
    static let maximumShortAnswer = 280

    /// Checks `draft` and turns it into what is stored.
    func content(of draft: Draft) throws -> InfoEntryContent {
        var problems = draft.question.problems(as: "question", maximumLength: Self.maximumQuestion)
            + draft.answer.problems(as: "answer", maximumLength: Self.maximumAnswer)
            + (draft.shortAnswer?.problems(as: "shortAnswer", maximumLength: Self.maximumShortAnswer) ?? [])
        let topics = (draft.topics ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if topics.count > 10 || topics.contains(where: { !(1...60).contains($0.count) }) {
            problems.append(FieldError(field: "topics", message: "must be at most 10 topics of 1 to 60 characters"))
        }
        if let code = draft.provinceCode, divisions.province(code: code) == nil {
            problems.append(FieldError(field: "provinceCode", message: "unknown province code \(code)"))
        }
        let source = (draft.source ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if source.count > 300 { problems.append(FieldError(field: "source", message: "must be at most 300 characters")) }
        let validFrom = Self.time(draft.validFrom, field: "validFrom", problems: &problems)
        let validUntil = Self.time(draft.validUntil, field: "validUntil", problems: &problems)
        if let validFrom, let validUntil, validUntil <= validFrom { problems.append(FieldError(field: "validUntil", message: "must be after validFrom")) }
        try ValidationFailure.check(problems)
        return InfoEntryContent(
            question: draft.question.trimmed, answer: draft.answer.trimmed, shortAnswer: draft.shortAnswer?.trimmed, topics: topics,
            provinceCode: draft.provinceCode.flatMap { divisions.province(code: $0)?.code }, source: source, validFrom: validFrom, validUntil: validUntil,
            published: draft.publish ?? false
        )
    }

    /// An ISO 8601 time, or a problem for `field`.
    static func time(_ text: String?, field: String, problems: inout [FieldError]) -> Date? {
        guard let text else { return nil }
        guard let date = try? Date(text, strategy: .iso8601) else {
            problems.append(FieldError(field: field, message: "must be an ISO 8601 time such as 2027-01-15T08:00:00Z"))
            return nil
        }
        return date
    }

    func create(_ draft: Draft, by principal: Principal, caller: Caller) async throws -> InfoEntryRecord {
        let content = try content(of: draft)
        try WritingScope.check(content.provinceCode, by: principal)
        let entry = try await entries.create(content, actor: principal.user.username, userID: principal.user.id, at: clock.now)
        try await audit.record("info.entries.create", subject: "info_entry:\(entry.id)", provinceCode: content.provinceCode, by: caller)
        return entry
    }

    /// A new revision of entry `id`; the account must be able to write both its old and its new province.
    func update(_ id: Int64, to draft: Draft, by principal: Principal, caller: Caller) async throws -> InfoEntryRecord {
        let content = try content(of: draft)
        let current = try await entry(id, for: principal)
        try WritingScope.check(current.content.provinceCode, by: principal)
        try WritingScope.check(content.provinceCode, by: principal)
        guard let updated = try await entries.update(id: id, to: content, actor: principal.user.username, at: clock.now) else {
            throw InformationError.entryNotFound(entryID: id)
        }
        try await audit.record("info.entries.update", subject: "info_entry:\(id)", provinceCode: content.provinceCode, detail: "revision \(updated.revision)", by: caller)
        return updated
    }

    /// Entry `id`: a published one for anyone, any one an officer of its scope reads.
    func entry(_ id: Int64, for principal: Principal?) async throws -> InfoEntryRecord {
        guard let entry = try await entries.find(id: id), Self.mayRead(entry, principal) else { throw InformationError.entryNotFound(entryID: id) }
        return entry
    }

    static func mayRead(_ entry: InfoEntryRecord, _ principal: Principal?) -> Bool {
        if entry.content.published { return true }
        guard let principal, WritingScope.writers.contains(principal.user.role) else { return false }
        return entry.content.provinceCode.map { principal.scope.covers(provinceCode: $0) } ?? true
    }

    /// The entries an officer reads (national ones and its province's), newest first.
    func list(for principal: Principal, beforeID: Int64?, limit: Int) async throws -> [InfoEntryRecord] {
        try await entries.list(provinces: WritingScope.readable(by: principal), beforeID: beforeID, limit: limit)
    }

    func revisions(of id: Int64, for principal: Principal) async throws -> [InfoEntryRevision] {
        _ = try await entry(id, for: principal)
        return try await entries.revisions(of: id)
    }
}
