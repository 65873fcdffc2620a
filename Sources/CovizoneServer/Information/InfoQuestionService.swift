import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// Questions citizens ask that are not answered yet (no name or phone kept), the synonym lists,
/// and officers answering recurring questions into new entries.
struct InfoQuestionService: Sendable {
    let questions: InfoQuestionRepository
    let synonyms: SynonymRepository
    let entries: InfoEntryService
    let divisions: AdministrativeDivisions
    let audit: AuditRecorder
    let clock: WallClock

    /// How many open questions officers' groups are made of (the newest).
    static let groupedQuestions = 2_000

    /// Questions asked the same way, the most asked first.
    struct Group: Sendable {
        var questions: [InfoQuestionRecord]
    }

    /// Questions asked in the officer's scope over the last `days` Vietnam days, oldest first.
    struct Figures: Sendable {
        var days: [(day: Int, asked: Int)]
        var open: Int
    }

    func figures(for principal: Principal, days: Int) async throws -> Figures {
        let today = VietnamDay.number(of: clock.now)
        let first = today - days + 1
        let provinces = WritingScope.readable(by: principal)
        let counts = try await questions.askedPerDay(provinces: provinces, since: VietnamDay.start(ofNumber: first))
        let open = try await questions.open(provinces: provinces, limit: Self.groupedQuestions).count
        return Figures(days: (first...today).map { ($0, counts[$0] ?? 0) }, open: open)
    }

    /// Records a citizen's question (5 to 500 characters); returns its id.
    func ask(_ text: String, provinceCode: String?, channel: String) async throws -> Int64 {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldError] = []
        if !(5...500).contains(text.count) || SearchText.terms(text).isEmpty { problems.append(FieldError(field: "text", message: "must be 5 to 500 characters with words")) }
        if let code = provinceCode, divisions.province(code: code) == nil { problems.append(FieldError(field: "provinceCode", message: "unknown province code \(code)")) }
        try ValidationFailure.check(problems)
        return try await questions.add(text: text, provinceCode: provinceCode.flatMap { divisions.province(code: $0)?.code }, channel: channel, at: clock.now)
    }

    /// The open questions an officer answers (its province's and those asked without one), in groups.
    func groups(for principal: Principal) async throws -> [Group] {
        let open = try await questions.open(provinces: WritingScope.readable(by: principal), limit: Self.groupedQuestions)
        let byID = Dictionary(uniqueKeysWithValues: open.map { ($0.id, $0) })
        let groups = QuestionGroups.group(open.reversed().map { ($0.id, $0.text) }, synonyms: SynonymGroups(try await synonyms.latest().groups))
        return groups.map { Group(questions: $0.compactMap { byID[$0] }) }
    }

    /// Writes an entry from `draft` and closes `questionIDs` as answered by it.
    func answer(_ questionIDs: [Int64], with draft: InfoEntryService.Draft, by principal: Principal, caller: Caller) async throws -> (entry: InfoEntryRecord, closed: Int) {
        let asked = try await reachable(questionIDs, by: principal)
        let entry = try await entries.create(draft, by: principal, caller: caller)
        let closed = try await questions.close(ids: asked, as: .answered, entryID: entry.id, at: clock.now)
        try await audit.record("info.questions.answer", subject: "info_entry:\(entry.id)", detail: "\(closed) questions", by: caller)
        return (entry, closed)
    }

    /// Closes `questionIDs` without an entry; returns how many it closed.
    func dismiss(_ questionIDs: [Int64], by principal: Principal, caller: Caller) async throws -> Int {
        let closed = try await questions.close(ids: try await reachable(questionIDs, by: principal), as: .dismissed, entryID: nil, at: clock.now)
        try await audit.record("info.questions.dismiss", subject: "info_questions", detail: "\(closed) questions", by: caller)
        return closed
    }

    /// `ids` checked: 1 to 500 of them, each a question of the officer's scope.
    private func reachable(_ ids: [Int64], by principal: Principal) async throws -> [Int64] {
        guard (1...500).contains(ids.count) else { throw ValidationFailure([FieldError(field: "questionIds", message: "must name 1 to 500 questions")]) }
        let found = try await questions.questions(ids: ids)
        let allowed = found.filter { question in question.provinceCode.map { principal.scope.covers(provinceCode: $0) } ?? true }
        guard allowed.count == Set(ids).count else { throw ValidationFailure([FieldError(field: "questionIds", message: "names a question this account cannot reach")]) }
        return allowed.map(\.id)
    }

    /// Replaces the synonym groups (checked); audited.
    func saveSynonyms(_ groups: [[String]], by principal: Principal, caller: Caller) async throws -> SynonymRepository.Saved {
        let groups = groups.map { $0.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
        try ValidationFailure.check(SynonymGroups.problems(of: groups))
        let saved = try await synonyms.save(groups, by: principal.user.id, at: clock.now)
        try await audit.record("info.synonyms.update", subject: "info_synonyms:\(saved.id)", detail: "\(groups.count) groups", by: caller)
        return saved
    }
}
