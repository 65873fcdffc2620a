import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// Entry health declarations (VHD). Travellers, without an account:
/// `POST /api/v1/declarations/entry` `{answers}` → `{code, displayCode, qr, revision, risk, amendToken}`,
/// `POST /api/v1/declarations/entry/{code}/amendments` `{amendToken, answers}`. Border officers,
/// health authorities (stay province) and the ministry: `GET /api/v1/declarations/{kind}/{code}`
/// (the code typed, or the scanned QR's URL), audited.
struct EntryDeclarationsController: Sendable {
    let declarations: DeclarationService

    struct Submission: Decodable {
        var answers: [String: AnswerValue]
    }

    struct Amendment: Decodable {
        var amendToken: String
        var answers: [String: AnswerValue]
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("declarations/entry") { request, context -> EditedResponse<DeclarationJSON.Receipt> in
            let body = try await request.decodeJSON(as: Submission.self, context: context)
            let submitted = try await declarations.submit(kind: .entry, answers: body.answers, language: Language(acceptLanguage: request.headers[.acceptLanguage]))
            return EditedResponse(status: .created, headers: [.cacheControl: "no-store"], response: receipt(submitted))
        }
        api.post("declarations/entry/:code/amendments") { request, context -> EditedResponse<DeclarationJSON.Receipt> in
            let body = try await request.decodeJSON(as: Amendment.self, context: context)
            let submitted = try await declarations.amend(
                kind: .entry, code: context.parameters.get("code") ?? "", token: body.amendToken, answers: body.answers,
                language: Language(acceptLanguage: request.headers[.acceptLanguage])
            )
            return EditedResponse(headers: [.cacheControl: "no-store"], response: receipt(submitted))
        }
        for kind in DeclarationKind.allCases {
            api.get("declarations/\(kind.rawValue)/:code") { _, context -> EditedResponse<DeclarationJSON.Detail> in
                let principal = try context.authorize(DeclarationService.readers(of: kind))
                let dossier = try await declarations.read(kind: kind, code: context.parameters.get("code") ?? "", for: principal, caller: context.caller)
                return EditedResponse(headers: [.cacheControl: "no-store"], response: try detail(dossier))
            }
        }
    }

    private func receipt(_ submitted: DeclarationService.Submitted) -> DeclarationJSON.Receipt {
        DeclarationJSON.Receipt(
            code: submitted.record.code, displayCode: DeclarationCode.display(submitted.record.code), qr: declarations.lookUpURL(submitted.record.code),
            revision: submitted.record.revision, risk: DeclarationJSON.Risk(level: submitted.triage.level, reasons: submitted.triage.reasons),
            amendToken: submitted.amendToken
        )
    }

    private func detail(_ dossier: DeclarationService.Dossier) throws -> DeclarationJSON.Detail {
        let record = dossier.record
        return DeclarationJSON.Detail(
            code: record.code, displayCode: DeclarationCode.display(record.code), revision: record.revision, questionnaire: record.questionnaireID,
            questionnaireVersion: record.content.questionnaireVersion, answers: try record.answers(), risk: DeclarationJSON.Risk(record, service: declarations),
            provinceCode: record.content.provinceCode, wardCode: record.content.wardCode, submittedAt: record.submittedAt, updatedAt: record.updatedAt,
            revisions: dossier.revisions.map {
                DeclarationJSON.Revision(revision: $0.revision, questionnaireVersion: $0.questionnaireVersion, riskLevel: $0.riskLevel, submittedAt: $0.submittedAt)
            },
            followUpStatus: record.followUpStatus, followUps: dossier.followUps.map(DeclarationJSON.FollowUp.init)
        )
    }
}
