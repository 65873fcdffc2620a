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
    let households: HouseholdService
    let renderer: PageRenderer
    let cookies: CookieFactory

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("households") { request, context in
            guard let household = try await signedIn(request) else { return signInPage(request, context) }
            return try await homePage(household, request: request, context: context, sent: request.uri.queryParameters["sent"] != nil)
        }
        group.post("households/verification") { request, context in
            let fields = try await request.formFields()
            guard PreSessionCSRF.household.matches(request, fields: fields) else { return forgedSignIn(request, context) }
            let text = renderer.text(for: request)
            let phone = fields["phone"] ?? ""
            do {
                let started = try await households.startVerification(phone: phone, from: context.remoteAddress)
                return signInPage(request, context, page: HouseholdSignInPage(codeSent: true, phone: started.phone))
            } catch HouseholdError.tooManyCodesForPhone, HouseholdError.tooManyCodes {
                return signInPage(request, context, page: HouseholdSignInPage(phone: phone, error: text("household_too_many_codes")), status: .tooManyRequests)
            } catch is ValidationFailure {
                return signInPage(request, context, page: HouseholdSignInPage(phone: phone, error: text("household_bad_phone")), status: .unprocessableContent)
            }
        }
        group.post("households/signin") { request, context in
            let fields = try await request.formFields()
            guard PreSessionCSRF.household.matches(request, fields: fields) else { return forgedSignIn(request, context) }
            let text = renderer.text(for: request)
            let phone = fields["phone"] ?? ""
            do {
                let signedIn = try await households.signIn(phone: phone, code: fields["code"] ?? "")
                var response = Response(status: .seeOther, headers: [.location: "/households"])
                response.setCookie(cookies.household(signedIn.token, maxAge: HouseholdService.tokenLifetime))
                return response
            } catch HouseholdError.wrongCode {
                return signInPage(request, context, page: HouseholdSignInPage(codeSent: true, phone: phone, error: text("household_wrong_code")), status: .unauthorized)
            } catch HouseholdError.expiredCode {
                return signInPage(request, context, page: HouseholdSignInPage(phone: phone, error: text("household_expired_code")), status: .unauthorized)
            }
        }
        group.post("households/address") { request, context in
            guard let household = try await signedIn(request) else { return Self.toSignIn }
            let fields = try await request.formFields()
            do {
                _ = try await households.setAddress(
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
            do {
                _ = try await households.addMember(
                    fullName: fields["fullName"] ?? "", birthYear: fields["birthYear"].flatMap { Int($0) } ?? 0, sex: fields["sex"] ?? "",
                    relation: fields["relation"] ?? "", idNumber: nil, to: household
                )
                return Response(status: .seeOther, headers: [.location: "/households"])
            } catch let failure as ValidationFailure {
                return try await homePage(household, request: request, context: context, error: sentences(failure, request), status: .unprocessableContent)
            } catch HouseholdError.tooManyMembers {
                let error = renderer.text(for: request)("household_too_many_members")
                return try await homePage(household, request: request, context: context, error: error, status: .conflict)
            }
        }
        group.get("households/members/:id/declare") { request, context in
            guard let household = try await signedIn(request) else { return Self.toSignIn }
            let member = try await households.member(try context.pathID(of: "Member"), of: household)
            return try declarePage(member, request: request, context: context, fields: [:], problems: [:], status: .ok)
        }
        group.post("households/members/:id/declare") { request, context in
            guard let household = try await signedIn(request) else { return Self.toSignIn }
            let member = try await households.member(try context.pathID(of: "Member"), of: household)
            let fields = try await request.formFieldValues()
            let language = PageRenderer.language(of: request)
            do {
                _ = try await households.declare(for: member, of: household, answers: try form(language).answers(from: fields), language: language)
                return Response(status: .seeOther, headers: [.location: "/households?sent=\(member.id)"])
            } catch let error as DeclarationError where !error.answerProblems.isEmpty {
                return try declarePage(member, request: request, context: context, fields: fields, problems: error.answerProblems, status: .unprocessableContent)
            } catch HouseholdError.addressRequired {
                let error = renderer.text(for: request)("household_address_first")
                return try await homePage(household, request: request, context: context, error: error, status: .conflict)
            }
        }
    }

    /// The household of the visitor's cookie; nil for none, or an expired or unknown one (sign in again).
    private func signedIn(_ request: Request) async throws -> HouseholdRecord? {
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty else { return nil }
        do {
            return try await households.household(token: token)
        } catch HouseholdError.notSignedIn {
            return nil
        }
    }

    /// Where a page that needs a household sends a visitor without one.
    static var toSignIn: Response { Response(status: .seeOther, headers: [.location: "/households"]) }

    /// A form's problems as sentences of the page's language.
    private func sentences(_ failure: ValidationFailure, _ request: Request) -> String {
        renderer.localizer.sentences(for: failure.errors, prefix: "household_error_", PageRenderer.language(of: request)).joined(separator: " ")
    }

    private func form(_ language: Language) throws -> QuestionnaireForm {
        QuestionnaireForm(questionnaire: try households.declarations.questionnaire(.voluntary), language: language, divisions: households.divisions)
    }

    /// The sign-in page with a fresh anti-forgery value in its forms and its cookie.
    private func signInPage(
        _ request: Request, _ context: AppRequestContext, page: HouseholdSignInPage = HouseholdSignInPage(), status: HTTPResponse.Status = .ok
    ) -> Response {
        var page = page
        page.csrf = SecretToken().value
        var response = renderer.render("household-signin", titleKey: "household_title", page: page, request: request, context: context, status: status)
        response.setCookie(cookies.formCSRF(page.csrf, for: .household))
        return response
    }

    /// A sign-in form that did not come from our page (or whose page is over an hour old): 403, and the form again.
    private func forgedSignIn(_ request: Request, _ context: AppRequestContext) -> Response {
        signInPage(request, context, page: HouseholdSignInPage(error: renderer.text(for: request)("csrf_failed")), status: .forbidden)
    }

    private func homePage(
        _ household: HouseholdRecord, request: Request, context: AppRequestContext, sent: Bool = false, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var members: [(member: HouseholdMember, lastUpdate: Date?)] = []
        for member in try await households.members(of: household) {
            members.append((member, try await households.declarations.declarations(ofMember: member.id, limit: 1).first?.submittedAt))
        }
        let page = HouseholdPage(household, members: members, sent: sent, error: error, text: renderer.text(for: request), divisions: households.divisions)
        return renderer.render("household", titleKey: "household_title", page: page, request: request, context: context, status: status)
    }

    private func declarePage(
        _ member: HouseholdMember, request: Request, context: AppRequestContext, fields: [String: [String]], problems: [String: String],
        status: HTTPResponse.Status
    ) throws -> Response {
        let page = DeclarationFormPage(
            form: try form(PageRenderer.language(of: request)), fields: fields, problems: problems, member: (member.id, member.fullName)
        )
        return renderer.render("household-declare", titleKey: "household_title", page: page, request: request, context: context, status: status)
    }
}
