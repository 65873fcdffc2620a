import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration

/// The rules around health declarations that need the store: answers checked against the newest
/// questionnaire, triaged, stored with their history; reads limited to officers and audited.
struct DeclarationDesk: Sendable {
    let environment: AppEnvironment
    /// Who may read an entry declaration: border officers (any province: travellers show their
    /// code at the port), health authorities of the stay province, the ministry.
    static let entryReaders: Set<Role> = [.borderOfficer, .healthAuthority, .ministryAdmin]

    /// Who may read declarations of `kind`: voluntary ones only health authorities and the ministry.
    static func readers(of kind: String) -> Set<Role> { kind == "entry" ? entryReaders : [.healthAuthority, .ministryAdmin] }

    var declarations: DeclarationRepository { DeclarationRepository(database: environment.database) }

    /// A stored declaration with its triage and, right after a submission, the amendment secret.
    struct Submitted: Sendable {
        var record: DeclarationRecord
        var triage: TriageResult
        /// Given once, to the declarant: it lets them amend.
        var amendToken: String?
    }

    /// Checks, triages and stores a new declaration of questionnaire `kind`; a household
    /// member's declaration is followed up where the household lives (`place`).
    func submit(
        kind: String, answers: [String: AnswerValue], language: Language, memberID: Int64? = nil, place: (province: String, ward: String)? = nil
    ) async throws -> Submitted {
        let (questionnaire, content, triage) = try assess(kind: kind, answers: answers, language: language, place: place)
        let token = SecretToken()
        let record = try await declarations.create(
            kind: kind, questionnaireID: questionnaire.id, content: content, amendTokenHash: token.hash, memberID: memberID, at: environment.clock.now,
            makeCode: DeclarationCode.random
        )
        return Submitted(record: record, triage: triage, amendToken: token.value)
    }

    /// Replaces the answers of declaration `code` (a new revision) when `token` is its secret.
    func amend(kind: String, code: String, token: String, answers: [String: AnswerValue], language: Language) async throws -> Submitted {
        let (_, content, triage) = try assess(kind: kind, answers: answers, language: language, place: nil)
        guard let code = DeclarationCode.normalized(code),
            let record = try await declarations.amend(code: code, amendTokenHash: SecretToken(value: token).hash, content: content, at: environment.clock.now),
            record.kind == kind
        else { throw APIError.notFound("Declaration") }
        return Submitted(record: record, triage: triage, amendToken: nil)
    }

    /// The declaration `code` of `kind` with its history, if `principal` may read it; the read is audited.
    func read(kind: String, code text: String, for principal: Principal, context: AppRequestContext) async throws -> (DeclarationRecord, [DeclarationRevision]) {
        guard let code = DeclarationCode.normalized(text), let record = try await declarations.find(kind: kind, code: code),
            (principal.user.role == .borderOfficer && kind == "entry") || Self.follows(record, principal)
        else { throw APIError.notFound("Declaration") }
        try await environment.auditRecorder.record(
            "declarations.\(kind).read", subject: "declarations/\(record.code)", provinceCode: record.content.provinceCode, by: context.caller
        )
        return (record, try await declarations.revisions(of: record.id))
    }

    /// A page of a worklist; the read of personal data is audited.
    func worklist(_ filter: WorklistFilter, beforeID: Int64?, limit: Int, context: AppRequestContext) async throws -> [DeclarationRecord] {
        let records = try await declarations.worklist(filter, beforeID: beforeID, limit: limit)
        try await environment.auditRecorder.record(
            "declarations.worklist.read", subject: "declarations", provinceCode: filter.provinceCode,
            detail: "\(records.count) declarations; risk \(filter.riskLevel ?? "any"), status \(filter.followUpStatus ?? "any")", by: context.caller
        )
        return records
    }

    /// Records a health authority's follow-up of declaration `code` in their province.
    func followUp(kind: String, code text: String, status: String, note: String, by principal: Principal, context: AppRequestContext) async throws
        -> FollowUpRecord
    {
        var problems: [FieldError] = []
        if !WorklistQuery.statuses.dropFirst().contains(status) {
            problems.append(FieldError(field: "status", message: "must be one of \(WorklistQuery.statuses.dropFirst().joined(separator: ", "))"))
        }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count > 1000 { problems.append(FieldError(field: "note", message: "must be at most 1000 characters")) }
        try ValidationFailure.check(problems)
        guard let code = DeclarationCode.normalized(text), let record = try await declarations.find(kind: kind, code: code),
            Self.follows(record, principal)
        else { throw APIError.notFound("Declaration") }
        let followUp = try await declarations.addFollowUp(
            to: record.id, status: status, note: trimmed, officerID: principal.user.id, officer: principal.user.username, at: environment.clock.now
        )
        try await environment.auditRecorder.record(
            "declarations.\(kind).followup", subject: "declarations/\(record.code)", provinceCode: record.content.provinceCode, detail: status, by: context.caller
        )
        return followUp
    }

    /// The triage reasons of a stored declaration, with their texts from the current rules.
    func reasons(of record: DeclarationRecord) -> [TriageReason] {
        let rules = environment.questionnaires.triage[record.kind]?.rules ?? []
        return record.reasonRuleIDs.map { id in TriageReason(rule: id, text: rules.first { $0.id == id }?.reason ?? LocalizedText(vi: id, en: id)) }
    }

    /// True when `principal`'s province follows `record` up (a declaration without a place: national accounts only).
    private static func follows(_ record: DeclarationRecord, _ principal: Principal) -> Bool {
        record.content.provinceCode.map(principal.scope.covers(provinceCode:)) ?? principal.scope.isNational
    }

    /// Answers checked against the newest questionnaire of `kind`, and their triage.
    private func assess(
        kind: String, answers: [String: AnswerValue], language: Language, place given: (province: String, ward: String)?
    ) throws -> (Questionnaire, DeclarationContent, TriageResult) {
        guard let questionnaire = environment.questionnaires.current(kind) else { throw APIError.notFound("Questionnaire \(kind)") }
        let context = AnswerContext(now: environment.clock.now, divisions: environment.divisions)
        let accepted: [String: AnswerValue]
        do {
            accepted = try questionnaire.validate(answers, context: context)
        } catch {
            throw APIError(
                .unprocessableContent, language == .en ? "Some answers need attention." : "Một số câu trả lời cần sửa.",
                errors: error.problems.map { FieldError(field: "answers.\($0.field)", message: $0.message.text(in: language.rawValue)) },
                code: "invalid_answers"
            )
        }
        let triage = environment.questionnaires.triage[kind]?.assess(accepted) ?? TriageResult(level: .low, reasons: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let place = given ?? questionnaire.worklistPlace(in: accepted)
        let content = DeclarationContent(
            questionnaireVersion: questionnaire.version, answersJSON: String(decoding: try encoder.encode(accepted), as: UTF8.self),
            riskLevel: triage.level.rawValue, riskReasonsJSON: String(decoding: try encoder.encode(triage.reasons.map(\.rule)), as: UTF8.self),
            provinceCode: place?.province, wardCode: place?.ward
        )
        return (questionnaire, content, triage)
    }
}
