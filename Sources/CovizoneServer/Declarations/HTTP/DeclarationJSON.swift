import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// The JSON shapes of declarations, shared by the travellers', the households' and the health
/// authorities' API.
enum DeclarationJSON {
    struct Risk: Encodable, Sendable {
        var level: RiskLevel
        var reasons: [TriageReason]
    }

    struct Receipt: ResponseEncodable {
        var code: String
        /// `XXXX-XXXX`, as shown on the confirmation page.
        var displayCode: String
        /// The text of the QR code on the confirmation page: the officers' look-up URL.
        var qr: String
        var revision: Int
        var risk: Risk
        /// Present once, in the answer to the first submission.
        var amendToken: String?
    }

    struct Revision: Encodable, Sendable {
        var revision: Int
        var questionnaireVersion: Int
        var riskLevel: RiskLevel
        var submittedAt: Date
    }

    struct FollowUp: ResponseEncodable {
        var id: Int64
        var status: FollowUpStatus
        var note: String
        var officer: String
        var createdAt: Date

        init(_ record: FollowUpRecord) {
            id = record.id
            status = record.status
            note = record.note
            officer = record.officer
            createdAt = record.createdAt
        }
    }

    struct Detail: ResponseEncodable {
        var code: String
        var displayCode: String
        var revision: Int
        var questionnaire: String
        var questionnaireVersion: Int
        var answers: [String: AnswerValue]
        var risk: Risk
        var provinceCode: String?
        var wardCode: String?
        var submittedAt: Date
        var updatedAt: Date
        var revisions: [Revision]
        var followUpStatus: FollowUpStatus
        var followUps: [FollowUp]
    }

    struct WorklistItem: Encodable, Sendable {
        var code: String
        var displayCode: String
        var kind: DeclarationKind
        var riskLevel: RiskLevel
        var reasons: [String]
        var followUpStatus: FollowUpStatus
        var provinceCode: String?
        var wardCode: String?
        var name: String?
        var phone: String?
        var submittedAt: Date
        var updatedAt: Date

        init(_ entry: DeclarationService.WorklistEntry) {
            let record = entry.record
            code = record.code
            displayCode = DeclarationCode.display(record.code)
            kind = record.kind
            riskLevel = record.content.riskLevel
            reasons = record.reasonRuleIDs
            followUpStatus = record.followUpStatus
            provinceCode = record.content.provinceCode
            wardCode = record.content.wardCode
            name = entry.name
            phone = entry.phone
            submittedAt = record.submittedAt
            updatedAt = record.updatedAt
        }

        static let csvHeader = ["code", "kind", "riskLevel", "reasons", "followUpStatus", "provinceCode", "wardCode", "name", "phone", "submittedAt", "updatedAt"]

        /// The row of this item under ``csvHeader``, times in ISO 8601.
        var csvFields: [String] {
            [
                displayCode, kind.rawValue, riskLevel.rawValue, reasons.joined(separator: " "), followUpStatus.rawValue, provinceCode ?? "", wardCode ?? "",
                name ?? "", phone ?? "", submittedAt.formatted(.iso8601), updatedAt.formatted(.iso8601),
            ]
        }
    }

    /// A worklist as a CSV download.
    static func csvResponse(_ entries: [DeclarationService.WorklistEntry]) -> Response {
        var text = CSVWriter.row(WorklistItem.csvHeader)
        for entry in entries { text += CSVWriter.row(WorklistItem(entry).csvFields) }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"declarations-worklist.csv\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    struct Statistics: ResponseEncodable {
        var kind: DeclarationKind
        var days: Int
        var items: [DeclarationService.DayCount]
    }
}

extension DeclarationJSON.Risk {
    /// The triage of a stored declaration, its reasons in the current rules' words.
    init(_ record: DeclarationRecord, service: DeclarationService) {
        self.init(level: record.content.riskLevel, reasons: service.reasons(of: record))
    }
}
