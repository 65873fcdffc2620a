import CovizoneCore
import CovizoneStore
import HealthDeclaration

/// The model of `/declarations/{kind}/{code}`: the answers in words, the triage, the household
/// member it is about, the follow-ups and, for health authorities, the follow-up form.
struct DeclarationDetailPage: Sendable {
    struct FollowUp: Sendable {
        var statusLabel: String
        var officer: String
        var createdAt: String
        var note: String
    }

    struct StatusOption: Sendable {
        var value: String
        var label: String
    }

    var kind: String
    var code: String
    var displayCode: String
    var revision: Int
    var riskLevel: String
    var riskLabel: String
    var reasons: [String]
    var hasReasons: Bool
    var submittedAt: String
    var updatedAt: String
    var sections: [QuestionnaireForm.ReadableSection]
    var followUps: [FollowUp]
    var hasMember: Bool
    var memberName: String
    var householdPhone: String
    var canFollowUp: Bool
    var statusOptions: [StatusOption]
    var followUpError: String?

    init(
        _ dossier: DeclarationService.Dossier, reasons: [TriageReason], form: QuestionnaireForm, contact: (name: String, phone: String)?, canFollowUp: Bool,
        followUpError: String?, text: PageText
    ) throws {
        let record = dossier.record
        kind = record.kind.rawValue
        code = record.code
        displayCode = DeclarationCode.display(record.code)
        revision = record.revision
        riskLevel = record.content.riskLevel.rawValue
        riskLabel = text("declaration_risk_\(record.content.riskLevel.rawValue)")
        self.reasons = reasons.map { $0.text.text(in: text.language.rawValue) }
        hasReasons = !reasons.isEmpty
        submittedAt = PageText.time(record.submittedAt)
        updatedAt = PageText.time(record.updatedAt)
        sections = form.readable(try record.answers(), yes: text("declaration_yes"), no: text("declaration_no"))
        followUps = dossier.followUps.map {
            FollowUp(statusLabel: text("followup_status_\($0.status.rawValue)"), officer: $0.officer, createdAt: PageText.time($0.createdAt), note: $0.note)
        }
        hasMember = contact != nil
        memberName = contact?.name ?? ""
        householdPhone = contact?.phone ?? ""
        self.canFollowUp = canFollowUp
        statusOptions = FollowUpStatus.recordable.map { StatusOption(value: $0.rawValue, label: text("followup_status_\($0.rawValue)")) }
        self.followUpError = followUpError
    }
}
