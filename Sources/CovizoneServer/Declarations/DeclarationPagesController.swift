import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// A declaration's page for officers, of either kind: `/declarations/{kind}/{code}` (the entry
/// receipt's QR leads there), the answers in words, the triage, the follow-ups and, for health
/// authorities, the follow-up form `POST /declarations/{kind}/{code}/followups`. Reads are audited.
struct DeclarationPagesController: Sendable {
    let desk: DeclarationDesk

    var environment: AppEnvironment { desk.environment }
    var renderer: PageRenderer { environment.renderer }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        for kind in WorklistQuery.kinds.sorted() {
            addDeclarationPages(kind: kind, to: group)
        }
    }

    /// A declaration's page and its follow-up form, for declarations of `kind`.
    private func addDeclarationPages(kind: String, to group: RouterGroup<AppRequestContext>) {
        group.get("declarations/\(kind)/:code") { request, context in
            let principal = try context.authorize(DeclarationDesk.readers(of: kind))
            let record: DeclarationRecord
            do {
                record = try await desk.read(kind: kind, code: context.parameters.get("code") ?? "", for: principal, context: context).0
            } catch let error as APIError where error.status == .notFound {
                let typed = context.parameters.get("code") ?? ""
                return renderer.render(
                    "declaration-lookup", titleKey: "declaration_lookup_title", page: ["code": typed, "notFound": true], request: request,
                    context: context, status: .notFound
                )
            }
            return try await detailPage(record, principal: principal, request: request, context: context)
        }
        group.post("declarations/\(kind)/:code/followups") { request, context in
            let principal = try context.authorize([.healthAuthority])
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let code = context.parameters.get("code") ?? ""
            do {
                _ = try await desk.followUp(kind: kind, code: code, status: fields["status"] ?? "", note: fields["note"] ?? "", by: principal, context: context)
                return Response(status: .seeOther, headers: [.location: "/declarations/\(kind)/\(code)"])
            } catch let failure as ValidationFailure {
                let record = try await desk.read(kind: kind, code: code, for: principal, context: context).0
                return try await detailPage(
                    record, principal: principal, request: request, context: context, followUpError: renderer.localizer.sentences(for: failure.errors, prefix: "followup_error_", PageRenderer.language(of: request)).joined(separator: " "), status: .unprocessableContent
                )
            }
        }
    }

    private func detailPage(
        _ record: DeclarationRecord, principal: Principal, request: Request, context: AppRequestContext, followUpError: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageRenderer.language(of: request)
        let questionnaire = environment.questionnaires.questionnaire(record.questionnaireID, version: record.content.questionnaireVersion)
            ?? environment.questionnaires.current(record.questionnaireID)
        guard let questionnaire else { throw APIError.notFound("Questionnaire") }
        let form = QuestionnaireForm(questionnaire: questionnaire, language: language, divisions: environment.divisions)
        let reasons = desk.reasons(of: record).map { $0.text.text(in: language.rawValue) }
        var contact: (name: String, phone: String)?
        if let memberID = record.memberID { contact = try await HouseholdRepository(database: environment.database).contacts(of: [memberID])[memberID] }
        let followUps = try await desk.declarations.followUps(of: record.id).map { followUp in
            [
                "statusLabel": renderer.localizer.string("followup_status_\(followUp.status)", language), "officer": followUp.officer,
                "createdAt": followUp.createdAt.formatted(PageRenderer.vietnamTime), "note": followUp.note,
            ] as [String: Any]
        }
        var model: [String: Any] = [
            "kind": record.kind, "code": record.code, "followUps": followUps, "hasMember": contact != nil, "memberName": contact?.name ?? "",
            "householdPhone": contact?.phone ?? "", "canFollowUp": principal.user.role == .healthAuthority,
            "statusOptions": WorklistQuery.statuses.dropFirst().map { ["value": $0, "label": renderer.localizer.string("followup_status_\($0)", language)] },
            "displayCode": DeclarationCode.display(record.code), "revision": record.revision, "riskLevel": record.content.riskLevel,
            "riskLabel": renderer.localizer.string("declaration_risk_\(record.content.riskLevel)", language), "reasons": reasons,
            "hasReasons": !reasons.isEmpty, "submittedAt": record.submittedAt.formatted(PageRenderer.vietnamTime),
            "updatedAt": record.updatedAt.formatted(PageRenderer.vietnamTime),
            "sections": form.readable(
                try record.answers(), yes: renderer.localizer.string("declaration_yes", language), no: renderer.localizer.string("declaration_no", language)
            ),
        ]
        if let followUpError { model["followUpError"] = followUpError }
        return renderer.render("declaration-detail", titleKey: "declaration_detail_title", page: model, request: request, context: context, status: status)
    }
}
