import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// Entry health declarations (VHD). Travellers, without an account:
/// `POST /api/v1/declarations/entry` `{answers}` → `{code, displayCode, qr, revision, risk, amendToken}`,
/// `POST /api/v1/declarations/entry/{code}/amendments` `{amendToken, answers}`. Border officers,
/// health authorities (stay province) and the ministry: `GET /api/v1/declarations/entry/{code}`
/// (the code typed, or the scanned QR's URL), audited.
struct EntryDeclarationsController: Sendable {
    let desk: DeclarationDesk
    static let kind = "entry"

    struct Submission: Decodable {
        var answers: [String: AnswerValue]
    }

    struct Amendment: Decodable {
        var amendToken: String
        var answers: [String: AnswerValue]
    }

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

    struct RevisionItem: Encodable, Sendable {
        var revision: Int
        var questionnaireVersion: Int
        var riskLevel: String
        var submittedAt: String
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
        var submittedAt: String
        var updatedAt: String
        var revisions: [RevisionItem]
        var followUpStatus: String
        var followUps: [DeclarationWorklistController.FollowUp]
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("declarations/entry") { request, context -> EditedResponse<Receipt> in
            let body = try await request.decodeJSON(as: Submission.self, context: context)
            let submitted = try await desk.submit(kind: Self.kind, answers: body.answers, language: Language(acceptLanguage: request.headers[.acceptLanguage]))
            return EditedResponse(status: .created, headers: [.cacheControl: "no-store"], response: receipt(submitted))
        }
        api.post("declarations/entry/:code/amendments") { request, context -> EditedResponse<Receipt> in
            let body = try await request.decodeJSON(as: Amendment.self, context: context)
            let submitted = try await desk.amend(
                kind: Self.kind, code: context.parameters.get("code") ?? "", token: body.amendToken, answers: body.answers,
                language: Language(acceptLanguage: request.headers[.acceptLanguage])
            )
            return EditedResponse(headers: [.cacheControl: "no-store"], response: receipt(submitted))
        }
        for kind in WorklistQuery.kinds.sorted() {
            api.get("declarations/\(kind)/:code") { _, context -> EditedResponse<Detail> in
                let principal = try context.authorize(DeclarationDesk.readers(of: kind))
                let (record, revisions) = try await desk.read(kind: kind, code: context.parameters.get("code") ?? "", for: principal, context: context)
                let followUps = try await desk.declarations.followUps(of: record.id)
                return EditedResponse(headers: [.cacheControl: "no-store"], response: try detail(record, revisions, followUps))
            }
        }
    }

    /// The officers' look-up URL of a code, carried by the confirmation page's QR code.
    func lookUpURL(_ code: String) -> String { "https://\(desk.environment.configuration.publicHost)/declarations/entry/\(code)" }

    func receipt(_ submitted: DeclarationDesk.Submitted) -> Receipt {
        Receipt(
            code: submitted.record.code, displayCode: DeclarationCode.display(submitted.record.code), qr: lookUpURL(submitted.record.code),
            revision: submitted.record.revision, risk: Risk(level: submitted.triage.level, reasons: submitted.triage.reasons),
            amendToken: submitted.amendToken
        )
    }

    func detail(_ record: DeclarationRecord, _ revisions: [DeclarationRevision], _ followUps: [FollowUpRecord]) throws -> Detail {
        Detail(
            code: record.code, displayCode: DeclarationCode.display(record.code), revision: record.revision, questionnaire: record.questionnaireID,
            questionnaireVersion: record.content.questionnaireVersion,
            answers: try record.answers(),
            risk: Risk(
                level: RiskLevel(rawValue: record.content.riskLevel) ?? .low,
                reasons: desk.reasons(of: record)
            ),
            provinceCode: record.content.provinceCode, wardCode: record.content.wardCode, submittedAt: record.submittedAt.formatted(.iso8601),
            updatedAt: record.updatedAt.formatted(.iso8601),
            revisions: revisions.map {
                RevisionItem(
                    revision: $0.revision, questionnaireVersion: $0.questionnaireVersion, riskLevel: $0.riskLevel, submittedAt: $0.submittedAt.formatted(.iso8601)
                )
            },
            followUpStatus: record.followUpStatus, followUps: followUps.map(DeclarationWorklistController.followUp)
        )
    }
}
