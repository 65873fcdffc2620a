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
    let desk: DeclarationDesk
    static let kind = EntryDeclarationsController.kind

    var environment: AppEnvironment { desk.environment }
    var renderer: PageRenderer { environment.renderer }

    func form(_ language: Language) throws -> QuestionnaireForm {
        guard let questionnaire = environment.questionnaires.current(Self.kind) else { throw APIError.notFound("Questionnaire") }
        return QuestionnaireForm(questionnaire: questionnaire, language: language, divisions: environment.divisions)
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("declarations/entry") { request, context in
            try formPage(request: request, context: context, fields: [:], problems: [:], status: .ok)
        }
        group.post("declarations/entry") { request, context in
            let fields = try await request.formFieldValues()
            let language = PageRenderer.language(of: request)
            do {
                let submitted = try await desk.submit(kind: Self.kind, answers: try form(language).answers(from: fields), language: language)
                return Response(status: .seeOther, headers: [.location: "/declarations/entry/receipt/\(submitted.record.code)"])
            } catch let error as APIError where error.code == "invalid_answers" {
                let problems = Dictionary(
                    error.errors.map { (String($0.field.dropFirst("answers.".count)), $0.message) }, uniquingKeysWith: { first, _ in first }
                )
                return try formPage(request: request, context: context, fields: fields, problems: problems, status: .unprocessableContent)
            }
        }
        group.get("declarations/entry/receipt/:code") { request, context in
            guard let code = DeclarationCode.normalized(context.parameters.get("code") ?? ""),
                try await desk.declarations.find(kind: Self.kind, code: code) != nil
            else { throw APIError.notFound("Declaration") }
            let qr = try QRCode(text: EntryDeclarationsController(desk: desk).lookUpURL(code), errorCorrection: .medium)
            return renderer.render(
                "declaration-receipt", titleKey: "declaration_receipt_title",
                page: ["displayCode": DeclarationCode.display(code), "qrSVG": qr.svg()], request: request, context: context
            )
        }
        group.get("declarations/lookup") { request, context in
            _ = try context.authorize(DeclarationDesk.entryReaders)
            let typed = request.uri.queryParameters["code"].map(String.init) ?? ""
            if let code = DeclarationCode.normalized(typed) {
                return Response(status: .seeOther, headers: [.location: "/declarations/entry/\(code)"])
            }
            return renderer.render(
                "declaration-lookup", titleKey: "declaration_lookup_title", page: ["code": typed, "notFound": !typed.isEmpty], request: request,
                context: context, status: typed.isEmpty ? .ok : .notFound
            )
        }
    }

    private func formPage(
        request: Request, context: AppRequestContext, fields: [String: [String]], problems: [String: String], status: HTTPResponse.Status
    ) throws -> Response {
        let form = try form(PageRenderer.language(of: request))
        return renderer.render(
            "declaration-entry", titleKey: "declaration_entry_title",
            page: ["sections": form.model(fields: fields, problems: problems), "hasErrors": !problems.isEmpty], request: request, context: context,
            status: status
        )
    }
}
