import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration

/// Health declarations of both kinds: answers checked against the newest questionnaire,
/// triaged and stored with their history; reads, worklists and follow-ups limited to officers
/// of the declaration's province and audited.
struct DeclarationService: Sendable {
    let declarations: DeclarationRepository
    let households: HouseholdRepository
    let questionnaires: QuestionnaireCatalog
    let audit: AuditRecorder
    let divisions: AdministrativeDivisions
    let clock: WallClock
    /// The host of the officers' look-up URL in an entry receipt's QR code.
    let publicHost: String

    /// Who may read an entry declaration: border officers (any province: travellers show their
    /// code at the port), health authorities of the stay province, the ministry.
    static let entryReaders: Set<Role> = [.borderOfficer, .healthAuthority, .ministryAdmin]
    /// Who reads worklists and statistics: health authorities (their province) and the ministry.
    static let worklistReaders: Set<Role> = [.healthAuthority, .ministryAdmin]

    /// Who may read declarations of `kind`: voluntary ones only health authorities and the ministry.
    static func readers(of kind: DeclarationKind) -> Set<Role> { kind == .entry ? entryReaders : worklistReaders }

    /// A stored declaration with its triage and, right after a submission, the amendment secret.
    struct Submitted: Sendable {
        var record: DeclarationRecord
        var triage: TriageResult
        /// Given once, to the declarant: it lets them amend.
        var amendToken: String?
    }

    /// A declaration as an officer reads it: its history, follow-ups and, for a household
    /// member's, whom to call.
    struct Dossier: Sendable {
        var record: DeclarationRecord
        var revisions: [DeclarationRevision]
        var followUps: [FollowUpRecord]
        var contact: (name: String, phone: String)?
    }

    /// A worklist row: the declaration, and whom to call (the traveller's name and phone from
    /// the answers, or the household member's name and the household's phone).
    struct WorklistEntry: Sendable {
        var record: DeclarationRecord
        var name: String?
        var phone: String?
    }

    /// Declarations of one province on one Vietnam day, by risk level.
    struct DayCount: Encodable, Sendable, Equatable {
        var provinceCode: String
        var provinceName: String
        var day: String
        var low: Int
        var medium: Int
        var high: Int
        var total: Int
    }

    /// Checks, triages and stores a new declaration of questionnaire `kind`; a household
    /// member's declaration is followed up where the household lives (`place`).
    func submit(
        kind: DeclarationKind, answers: [String: AnswerValue], language: Language, memberID: Int64? = nil, place: (province: String, ward: String)? = nil
    ) async throws -> Submitted {
        let (questionnaire, content, triage) = try assess(kind: kind, answers: answers, language: language, place: place)
        let token = SecretToken()
        let record = try await declarations.create(
            kind: kind, questionnaireID: questionnaire.id, content: content, amendTokenHash: token.hash, memberID: memberID, at: clock.now,
            makeCode: DeclarationCode.random
        )
        return Submitted(record: record, triage: triage, amendToken: token.value)
    }

    /// Replaces the answers of declaration `code` (a new revision) when `token` is its secret.
    func amend(kind: DeclarationKind, code: String, token: String, answers: [String: AnswerValue], language: Language) async throws -> Submitted {
        let (_, content, triage) = try assess(kind: kind, answers: answers, language: language, place: nil)
        guard let code = DeclarationCode.normalized(code),
            let record = try await declarations.amend(code: code, amendTokenHash: SecretToken(value: token).hash, content: content, at: clock.now),
            record.kind == kind
        else { throw DeclarationError.notFound }
        return Submitted(record: record, triage: triage, amendToken: nil)
    }

    /// The entry declaration `code` as its receipt shows it (no personal data), if it exists.
    func receipt(code text: String) async throws -> String {
        guard let code = DeclarationCode.normalized(text), try await declarations.find(kind: .entry, code: code) != nil else {
            throw DeclarationError.notFound
        }
        return code
    }

    /// The officers' look-up URL of an entry code, carried by the receipt's QR code.
    func lookUpURL(_ code: String) -> String { "https://\(publicHost)/declarations/entry/\(code)" }

    /// The declaration `code` of `kind` with its history, if `principal` may read it; the read is audited.
    func read(kind: DeclarationKind, code text: String, for principal: Principal, caller: Caller) async throws -> Dossier {
        guard let code = DeclarationCode.normalized(text), let record = try await declarations.find(kind: kind, code: code),
            (principal.user.role == .borderOfficer && kind == .entry) || Self.follows(record, principal)
        else { throw DeclarationError.notFound }
        try await audit.record(
            "declarations.\(kind.rawValue).read", subject: "declarations/\(record.code)", provinceCode: record.content.provinceCode, by: caller
        )
        var contact: (name: String, phone: String)?
        if let memberID = record.memberID { contact = try await households.contacts(of: [memberID])[memberID] }
        return Dossier(
            record: record, revisions: try await declarations.revisions(of: record.id), followUps: try await declarations.followUps(of: record.id),
            contact: contact
        )
    }

    /// A page of a worklist, with whom to call; the read of personal data is audited.
    func worklist(_ filter: WorklistFilter, beforeID: Int64?, limit: Int, caller: Caller) async throws -> [WorklistEntry] {
        let records = try await declarations.worklist(filter, beforeID: beforeID, limit: limit)
        try await audit.record(
            "declarations.worklist.read", subject: "declarations", provinceCode: filter.provinceCode,
            detail: "\(records.count) declarations; risk \(filter.riskLevel?.rawValue ?? "any"), status \(filter.followUpStatus?.rawValue ?? "any")",
            by: caller
        )
        let contacts = try await households.contacts(of: Set(records.compactMap(\.memberID)))
        return records.map { record in
            if let contact = record.memberID.flatMap({ contacts[$0] }) { return WorklistEntry(record: record, name: contact.name, phone: contact.phone) }
            let answers = (try? record.answers()) ?? [:]
            func text(_ id: String) -> String? { if case .text(let value)? = answers[id] { value } else { nil } }
            return WorklistEntry(record: record, name: text("full_name"), phone: text("phone"))
        }
    }

    /// Records a health authority's follow-up of declaration `code` in their province.
    func followUp(kind: DeclarationKind, code text: String, entry: FollowUpEntry, by principal: Principal, caller: Caller) async throws -> FollowUpRecord {
        guard let code = DeclarationCode.normalized(text), let record = try await declarations.find(kind: kind, code: code),
            Self.follows(record, principal)
        else { throw DeclarationError.notFound }
        let followUp = try await declarations.addFollowUp(
            to: record.id, status: entry.status, note: entry.note, officerID: principal.user.id, officer: principal.user.username, at: clock.now
        )
        try await audit.record(
            "declarations.\(kind.rawValue).followup", subject: "declarations/\(record.code)", provinceCode: record.content.provinceCode,
            detail: entry.status.rawValue, by: caller
        )
        return followUp
    }

    /// Counts per province and Vietnam day over the last `days`, newest day first.
    func statistics(kind: DeclarationKind, days: Int, for principal: Principal) async throws -> [DayCount] {
        let today = VietnamDay.number(of: clock.now)
        let counts = try await declarations.counts(kind: kind, provinceCode: principal.scope.provinceCode, since: VietnamDay.start(ofNumber: today - days + 1))
        let grouped = Dictionary(grouping: counts) { "\($0.provinceCode)|\($0.day)" }
        return grouped.values.compactMap { group -> DayCount? in
            guard let first = group.first else { return nil }
            func count(_ level: RiskLevel) -> Int { group.filter { $0.riskLevel == level }.map(\.count).reduce(0, +) }
            return DayCount(
                provinceCode: first.provinceCode, provinceName: divisions.province(code: first.provinceCode)?.name ?? first.provinceCode,
                day: VietnamDay.string(ofNumber: first.day), low: count(.low), medium: count(.medium), high: count(.high),
                total: group.map(\.count).reduce(0, +)
            )
        }.sorted { ($1.day, $0.provinceCode) < ($0.day, $1.provinceCode) }
    }

    /// The newest declarations of a household member, newest first.
    func declarations(ofMember memberID: Int64, limit: Int = 100) async throws -> [DeclarationRecord] {
        try await declarations.declarations(ofMember: memberID, limit: limit)
    }

    /// The triage reasons of a stored declaration, with their texts from the current rules.
    func reasons(of record: DeclarationRecord) -> [TriageReason] {
        let rules = questionnaires.triage[record.kind.rawValue]?.rules ?? []
        return record.reasonRuleIDs.map { id in TriageReason(rule: id, text: rules.first { $0.id == id }?.reason ?? LocalizedText(vi: id, en: id)) }
    }

    /// The newest questionnaire of `kind`.
    func questionnaire(_ kind: DeclarationKind) throws -> Questionnaire {
        guard let questionnaire = questionnaires.current(kind.rawValue) else { throw DeclarationError.unknownQuestionnaire(kind.rawValue) }
        return questionnaire
    }

    /// The questionnaire `record` was answered on (or its newest version, if that one is gone).
    func questionnaire(of record: DeclarationRecord) throws -> Questionnaire {
        let found = questionnaires.questionnaire(record.questionnaireID, version: record.content.questionnaireVersion) ?? questionnaires.current(record.questionnaireID)
        guard let found else { throw DeclarationError.unknownQuestionnaire(record.questionnaireID) }
        return found
    }

    /// True when `principal`'s province follows `record` up (a declaration without a place: national accounts only).
    private static func follows(_ record: DeclarationRecord, _ principal: Principal) -> Bool {
        record.content.provinceCode.map(principal.scope.covers(provinceCode:)) ?? principal.scope.isNational
    }

    /// Answers checked against the newest questionnaire of `kind`, and their triage.
    private func assess(
        kind: DeclarationKind, answers: [String: AnswerValue], language: Language, place given: (province: String, ward: String)?
    ) throws -> (Questionnaire, DeclarationContent, TriageResult) {
        let questionnaire = try questionnaire(kind)
        let accepted: [String: AnswerValue]
        do {
            accepted = try questionnaire.validate(answers, context: AnswerContext(now: clock.now, divisions: divisions))
        } catch {
            let problems = error.problems.map { FieldError(field: "answers.\($0.field)", message: $0.message.text(in: language.rawValue)) }
            throw DeclarationError.invalidAnswers(problems, language: language)
        }
        let triage = questionnaires.triage[kind.rawValue]?.assess(accepted) ?? TriageResult(level: .low, reasons: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let place = given ?? questionnaire.worklistPlace(in: accepted)
        let content = DeclarationContent(
            questionnaireVersion: questionnaire.version, answersJSON: String(decoding: try encoder.encode(accepted), as: UTF8.self),
            riskLevel: triage.level, riskReasonsJSON: String(decoding: try encoder.encode(triage.reasons.map(\.rule)), as: UTF8.self),
            provinceCode: place?.province, wardCode: place?.ward
        )
        return (questionnaire, content, triage)
    }
}
