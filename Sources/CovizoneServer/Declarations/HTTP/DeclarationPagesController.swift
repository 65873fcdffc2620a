import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// A declaration's page for officers, of either kind: `/declarations/{kind}/{code}` (the entry
/// receipt's QR leads there), the answers in words, the triage, the follow-ups and, for health
/// authorities, the follow-up form `POST /declarations/{kind}/{code}/followups`. Reads are audited.
struct DeclarationPagesController: Sendable {
    let declarations: DeclarationService
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        for kind in DeclarationKind.allCases {
            addDeclarationPages(kind: kind, to: group)
        }
    }

    /// A declaration's page and its follow-up form, for declarations of `kind`.
    private func addDeclarationPages(kind: DeclarationKind, to group: RouterGroup<AppRequestContext>) {
        group.get("declarations/\(kind.rawValue)/:code") { request, context in
            let principal = try context.authorize(DeclarationService.readers(of: kind))
            let typed = context.parameters.get("code") ?? ""
            let dossier: DeclarationService.Dossier
            do {
                dossier = try await declarations.read(kind: kind, code: typed, for: principal, caller: context.caller)
            } catch DeclarationError.notFound {
                return renderer.render(
                    "declaration-lookup", titleKey: "declaration_lookup_title", page: DeclarationLookupPage(code: typed, notFound: true), request: request,
                    context: context, status: .notFound
                )
            }
            return try detailPage(dossier, principal: principal, request: request, context: context)
        }
        group.post("declarations/\(kind.rawValue)/:code/followups") { request, context in
            let principal = try context.authorize([.healthAuthority])
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let code = context.parameters.get("code") ?? ""
            do {
                let entry = try FollowUpEntry(status: fields["status"] ?? "", note: fields["note"] ?? "")
                _ = try await declarations.followUp(kind: kind, code: code, entry: entry, by: principal, caller: context.caller)
                return Response(status: .seeOther, headers: [.location: "/declarations/\(kind.rawValue)/\(code)"])
            } catch let failure as ValidationFailure {
                let dossier = try await declarations.read(kind: kind, code: code, for: principal, caller: context.caller)
                let text = renderer.text(for: request)
                let error = renderer.localizer.sentences(for: failure.errors, prefix: "followup_error_", text.language).joined(separator: " ")
                return try detailPage(dossier, principal: principal, request: request, context: context, followUpError: error, status: .unprocessableContent)
            }
        }
    }

    private func detailPage(
        _ dossier: DeclarationService.Dossier, principal: Principal, request: Request, context: AppRequestContext, followUpError: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let text = renderer.text(for: request)
        let form = QuestionnaireForm(questionnaire: try declarations.questionnaire(of: dossier.record), language: text.language, divisions: declarations.divisions)
        let page = try DeclarationDetailPage(
            dossier, reasons: declarations.reasons(of: dossier.record), form: form, contact: dossier.contact,
            canFollowUp: principal.user.role == .healthAuthority, followUpError: followUpError, text: text
        )
        return renderer.render("declaration-detail", titleKey: "declaration_detail_title", page: page, request: request, context: context, status: status)
    }
}
