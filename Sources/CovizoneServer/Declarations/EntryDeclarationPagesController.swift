import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird
import QRCode

/// The entry declaration pages. Travellers (no account): the form `GET`/`POST /declarations/entry`
/// (Vietnamese or English, errors next to their fields, nothing typed lost) and the receipt
/// `/declarations/entry/receipt/{code}` with the code and its QR. Officers: the look-up form
/// `/declarations/lookup` and the declaration `/declarations/entry/{code}` (the QR's URL), audited.
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
                model: ["displayCode": DeclarationCode.display(code), "qrSVG": qr.svg()], request: request, context: context
            )
        }
        group.get("declarations/lookup") { request, context in
            _ = try context.authorize(DeclarationDesk.entryReaders)
            let typed = request.uri.queryParameters["code"].map(String.init) ?? ""
            if let code = DeclarationCode.normalized(typed) {
                return Response(status: .seeOther, headers: [.location: "/declarations/entry/\(code)"])
            }
            return renderer.render(
                "declaration-lookup", titleKey: "declaration_lookup_title", model: ["code": typed, "notFound": !typed.isEmpty], request: request,
                context: context, status: typed.isEmpty ? .ok : .notFound
            )
        }
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
                    "declaration-lookup", titleKey: "declaration_lookup_title", model: ["code": typed, "notFound": true], request: request,
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
                    record, principal: principal, request: request, context: context, followUpError: failure.description, status: .unprocessableContent
                )
            }
        }
    }

    private func formPage(
        request: Request, context: AppRequestContext, fields: [String: [String]], problems: [String: String], status: HTTPResponse.Status
    ) throws -> Response {
        let form = try form(PageRenderer.language(of: request))
        return renderer.render(
            "declaration-entry", titleKey: "declaration_entry_title",
            model: ["sections": form.model(fields: fields, problems: problems), "hasErrors": !problems.isEmpty], request: request, context: context,
            status: status
        )
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
        let answers = try JSONDecoder().decode([String: AnswerValue].self, from: Data(record.content.answersJSON.utf8))
        let reasons = desk.reasons(kind: record.kind, storedJSON: record.content.riskReasonsJSON).map { $0.text.text(in: language.rawValue) }
        let contact = try await record.memberID.asyncFlatMap { try await HouseholdRepository(database: environment.database).contacts(of: [$0])[$0] }
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
                answers, yes: renderer.localizer.string("declaration_yes_answer", language), no: renderer.localizer.string("declaration_no_answer", language)
            ),
        ]
        if let followUpError { model["followUpError"] = followUpError }
        return renderer.render("declaration-detail", titleKey: "declaration_detail_title", model: model, request: request, context: context, status: status)
    }
}

extension Optional {
    /// `flatMap` with an async transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
