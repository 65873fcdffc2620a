import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// The household pages (voluntary declarations on the web). `/households`: sign in with a texted
/// code, then the members, the address and the reminder hour; `/households/members/{id}/declare`:
/// a member's daily health update on the voluntary questionnaire. The household's token is kept
/// in a `SameSite=Strict` cookie, so forms posted from other sites carry no household; the two
/// sign-in forms, posted before there is one, carry a double-submit anti-forgery value, so that
/// no other site can sign a visitor into a household of its choosing or have codes texted.
struct HouseholdPagesController: Sendable {
    static let cookieName = "covizone_household"
    let desk: HouseholdDesk
    let cookies: CookieFactory

    var environment: AppEnvironment { desk.environment }
    var renderer: PageRenderer { environment.renderer }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("households") { request, context in
            guard let household = try await signedIn(request) else { return signInPage(request, context) }
            return try await homePage(household, request: request, context: context, sent: request.uri.queryParameters["sent"] != nil)
        }
        group.post("households/verification") { request, context in
            let fields = try await request.formFields()
            guard PreSessionCSRF.household.matches(request, fields: fields) else { return forgedSignIn(request, context) }
            do {
                let started = try await desk.startVerification(phone: fields["phone"] ?? "", from: context.remoteAddress)
                return signInPage(request, context, model: ["codeSent": true, "phone": started.phone])
            } catch let error as APIError where error.status == .tooManyRequests {
                return signInPage(request, context, model: ["error": text("household_too_many_codes", request), "phone": fields["phone"] ?? ""], status: .tooManyRequests)
            } catch is ValidationFailure {
                return signInPage(request, context, model: ["error": text("household_bad_phone", request), "phone": fields["phone"] ?? ""], status: .unprocessableContent)
            }
        }
        group.post("households/signin") { request, context in
            let fields = try await request.formFields()
            guard PreSessionCSRF.household.matches(request, fields: fields) else { return forgedSignIn(request, context) }
            do {
                let signedIn = try await desk.signIn(phone: fields["phone"] ?? "", code: fields["code"] ?? "")
                var response = Response(status: .seeOther, headers: [.location: "/households"])
                response.setCookie(cookies.household(signedIn.token, maxAge: HouseholdDesk.tokenLifetime))
                return response
            } catch let error as APIError where error.status == .unauthorized {
                var model: [String: Any] = ["codeSent": error.code == "invalid_code", "phone": fields["phone"] ?? ""]
                model["error"] = text(error.code == "invalid_code" ? "household_wrong_code" : "household_expired_code", request)
                return signInPage(request, context, model: model, status: .unauthorized)
            }
        }
        group.post("households/address") { request, context in
            guard let household = try await signedIn(request) else { return Self.toSignIn }
            let fields = try await request.formFields()
            do {
                _ = try await desk.setAddress(
                    of: household, provinceCode: fields["provinceCode"] ?? "", wardCode: fields["wardCode"] ?? "", street: fields["street"] ?? "",
                    reminderHour: fields["reminderHour"].flatMap { Int($0) }
                )
                return Response(status: .seeOther, headers: [.location: "/households"])
            } catch let failure as ValidationFailure {
                return try await homePage(household, request: request, context: context, error: sentences(failure, request), status: .unprocessableContent)
            }
        }
        group.post("households/members") { request, context in
            guard let household = try await signedIn(request) else { return Self.toSignIn }
            let fields = try await request.formFields()
            let member = NewHouseholdMember(
                fullName: fields["fullName"] ?? "", birthYear: fields["birthYear"].flatMap { Int($0) } ?? 0, sex: fields["sex"] ?? "",
                relation: fields["relation"] ?? "", idNumber: nil
            )
            do {
                _ = try await desk.addMember(member, to: household)
                return Response(status: .seeOther, headers: [.location: "/households"])
            } catch let failure as ValidationFailure {
                return try await homePage(household, request: request, context: context, error: sentences(failure, request), status: .unprocessableContent)
            } catch let error as APIError where error.code == "too_many_members" {
                return try await homePage(household, request: request, context: context, error: text("household_too_many_members", request), status: .conflict)
            }
        }
        group.get("households/members/:id/declare") { request, context in
            guard let household = try await signedIn(request) else { return Self.toSignIn }
            let member = try await desk.member(try HouseholdsController.id(context), of: household)
            return try declarePage(member, request: request, context: context, fields: [:], problems: [:], status: .ok)
        }
        group.post("households/members/:id/declare") { request, context in
            guard let household = try await signedIn(request) else { return Self.toSignIn }
            let member = try await desk.member(try HouseholdsController.id(context), of: household)
            let fields = try await request.formFieldValues()
            let language = PageRenderer.language(of: request)
            do {
                _ = try await desk.declare(for: member, of: household, answers: try form(language).answers(from: fields), language: language)
                return Response(status: .seeOther, headers: [.location: "/households?sent=\(member.id)"])
            } catch let error as APIError where error.code == "invalid_answers" {
                let problems = Dictionary(
                    error.errors.map { (String($0.field.dropFirst("answers.".count)), $0.message) }, uniquingKeysWith: { first, _ in first }
                )
                return try declarePage(member, request: request, context: context, fields: fields, problems: problems, status: .unprocessableContent)
            } catch let error as APIError where error.code == "address_required" {
                return try await homePage(household, request: request, context: context, error: text("household_address_first", request), status: .conflict)
            }
        }
    }

    private func signedIn(_ request: Request) async throws -> HouseholdRecord? {
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty else { return nil }
        do {
            return try await desk.household(token: token)
        } catch let error as APIError where error.status == .unauthorized {
            return nil  // an expired or unknown token: sign in again
        }
    }

    /// Where a page that needs a household sends a visitor without one.
    static var toSignIn: Response { Response(status: .seeOther, headers: [.location: "/households"]) }

    private func text(_ key: String, _ request: Request) -> String {
        renderer.localizer.string(key, PageRenderer.language(of: request))
    }

    /// A form's problems as sentences of the page's language.
    private func sentences(_ failure: ValidationFailure, _ request: Request) -> String {
        renderer.localizer.sentences(for: failure.errors, prefix: "household_error_", PageRenderer.language(of: request)).joined(separator: " ")
    }

    private func form(_ language: Language) throws -> QuestionnaireForm {
        guard let questionnaire = environment.questionnaires.current(HouseholdDesk.kind) else { throw APIError.notFound("Questionnaire") }
        return QuestionnaireForm(questionnaire: questionnaire, language: language, divisions: environment.divisions)
    }

    /// The sign-in page with a fresh anti-forgery value in its forms and its cookie.
    private func signInPage(_ request: Request, _ context: AppRequestContext, model: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        let csrf = SecretToken().value
        var model = model
        model["csrf"] = csrf
        var response = renderer.render("household-signin", titleKey: "household_title", page: model, request: request, context: context, status: status)
        response.setCookie(cookies.formCSRF(csrf, for: .household))
        return response
    }

    /// A sign-in form that did not come from our page (or whose page is over an hour old): 403, and the form again.
    private func forgedSignIn(_ request: Request, _ context: AppRequestContext) -> Response {
        signInPage(request, context, model: ["error": text("csrf_failed", request)], status: .forbidden)
    }

    private func homePage(
        _ household: HouseholdRecord, request: Request, context: AppRequestContext, sent: Bool = false, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageRenderer.language(of: request)
        let declarations = DeclarationRepository(database: environment.database)
        var members: [[String: Any]] = []
        for member in try await desk.households.members(of: household.id) {
            let last = try await declarations.declarations(ofMember: member.id, limit: 1).first
            members.append([
                "id": member.id, "fullName": member.fullName, "birthYear": member.birthYear,
                "lastUpdate": last.map { $0.submittedAt.formatted(PageRenderer.vietnamTime) } ?? text("household_never", request),
            ])
        }
        let divisions = environment.divisions
        let province = household.provinceCode ?? divisions.provinces.first?.code ?? ""
        var model: [String: Any] = [
            "phone": household.phone, "members": members, "sent": sent, "street": household.street ?? "",
            "provinces": divisions.provinces.map { ["code": $0.code, "name": $0.name, "selected": $0.code == province] as [String: Any] },
            "wards": (divisions.wards(inProvince: province) ?? []).map { ["code": $0.code, "name": $0.name, "selected": $0.code == household.wardCode] as [String: Any] },
            "hours": (0...23).map { ["hour": $0, "selected": $0 == household.reminderHour] as [String: Any] },
            "sexes": HouseholdDesk.sexes.map { ["value": $0, "label": renderer.localizer.string("household_sex_\($0)", language)] },
            "relations": HouseholdDesk.relations.map { ["value": $0, "label": renderer.localizer.string("household_relation_\($0)", language)] },
        ]
        if let error { model["error"] = error }
        return renderer.render("household", titleKey: "household_title", page: model, request: request, context: context, status: status)
    }

    private func declarePage(
        _ member: HouseholdMember, request: Request, context: AppRequestContext, fields: [String: [String]], problems: [String: String],
        status: HTTPResponse.Status
    ) throws -> Response {
        let form = try form(PageRenderer.language(of: request))
        return renderer.render(
            "household-declare", titleKey: "household_title",
            page: [
                "memberId": member.id, "memberName": member.fullName, "sections": form.model(fields: fields, problems: problems), "hasErrors": !problems.isEmpty,
            ],
            request: request, context: context, status: status
        )
    }
}
