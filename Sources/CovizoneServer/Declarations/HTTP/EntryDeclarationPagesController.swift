import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird
import QRCode

/// The entry declaration pages. Travellers (no account): the form `GET`/`POST /declarations/entry`
/// (Vietnamese or English, errors next to their fields, nothing typed lost) and the receipt
/// `/declarations/entry/receipt/{code}` with the code and its QR. Officers: the look-up form
/// `/declarations/lookup`, which leads to the declaration's page (``DeclarationPagesController``).
struct EntryDeclarationPagesController: Sendable {
    let declarations: DeclarationService
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("declarations/entry") { request, context in
            try formPage(request: request, context: context, fields: [:], problems: [:], status: .ok)
        }
        group.post("declarations/entry") { request, context in
            let fields = try await request.formFieldValues()
            let language = PageRenderer.language(of: request)
            do {
                let submitted = try await declarations.submit(kind: .entry, answers: try form(language).answers(from: fields), language: language)
                return Response(status: .seeOther, headers: [.location: "/declarations/entry/receipt/\(submitted.record.code)"])
            } catch let error as DeclarationError where !error.answerProblems.isEmpty {
                return try formPage(request: request, context: context, fields: fields, problems: error.answerProblems, status: .unprocessableContent)
            }
        }
        group.get("declarations/entry/receipt/:code") { request, context in
            let code = try await declarations.receipt(code: context.parameters.get("code") ?? "")
            let qr = try QRCode(text: declarations.lookUpURL(code), errorCorrection: .medium)
            let page = DeclarationReceiptPage(displayCode: DeclarationCode.display(code), qrSVG: qr.svg())
            return renderer.render("declaration-receipt", titleKey: "declaration_receipt_title", page: page, request: request, context: context)
        }
        group.get("declarations/lookup") { request, context in
            _ = try context.authorize(DeclarationService.entryReaders)
            let typed = request.uri.queryParameters["code"].map(String.init) ?? ""
            if let code = DeclarationCode.normalized(typed) {
                return Response(status: .seeOther, headers: [.location: "/declarations/entry/\(code)"])
            }
            return renderer.render(
                "declaration-lookup", titleKey: "declaration_lookup_title", page: DeclarationLookupPage(code: typed, notFound: !typed.isEmpty),
                request: request, context: context, status: typed.isEmpty ? .ok : .notFound
            )
        }
    }

    private func form(_ language: Language) throws -> QuestionnaireForm {
        QuestionnaireForm(questionnaire: try declarations.questionnaire(.entry), language: language, divisions: declarations.divisions)
    }

    private func formPage(
        request: Request, context: AppRequestContext, fields: [String: [String]], problems: [String: String], status: HTTPResponse.Status
    ) throws -> Response {
        let page = DeclarationFormPage(form: try form(PageRenderer.language(of: request)), fields: fields, problems: problems)
        return renderer.render("declaration-entry", titleKey: "declaration_entry_title", page: page, request: request, context: context, status: status)
    }
}
