import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird
import HummingbirdAuth

/// Voluntary household declarations, for the app and the web. A phone is proven with a one-time
/// code: `POST /api/v1/households/verification` `{phone}`, then `POST /api/v1/households/token`
/// `{phone, code}` → `{token, expiresAt, household}`. With `Authorization: Bearer TOKEN`:
/// `GET`/`PUT /api/v1/households/me`, `POST /api/v1/households/me/members`,
/// `DELETE /api/v1/households/me/members/{id}`, and each member's health updates at
/// `POST`/`GET /api/v1/households/me/members/{id}/declarations`.
struct HouseholdsController: Sendable {
    let households: HouseholdService
    let declarations: DeclarationService

    struct VerificationRequest: Decodable {
        var phone: String
    }

    struct VerificationStarted: ResponseEncodable {
        var phone: String
        var expiresAt: Date
    }

    struct TokenRequest: Decodable {
        var phone: String
        var code: String
    }

    struct TokenResponse: ResponseEncodable {
        var token: String
        var expiresAt: Date
        var household: Household
    }

    struct AddressRequest: Decodable {
        var provinceCode: String
        var wardCode: String
        var street: String
        var reminderHour: Int?
    }

    struct MemberRequest: Decodable {
        var fullName: String
        var birthYear: Int
        var sex: String
        var relation: String
        var idNumber: String?
    }

    struct Member: ResponseEncodable {
        var id: Int64
        var fullName: String
        var birthYear: Int
        var sex: HouseholdMemberDetails.Sex
        var relation: HouseholdMemberDetails.Relation
        var idNumber: String?
    }

    struct Household: ResponseEncodable {
        var id: Int64
        var phone: String
        var provinceCode: String?
        var wardCode: String?
        var street: String?
        var reminderHour: Int?
        var members: [Member]
    }

    struct DeclarationRequest: Decodable {
        var answers: [String: AnswerValue]
    }

    struct MemberDeclaration: ResponseEncodable {
        var code: String
        var submittedAt: Date
        var risk: DeclarationJSON.Risk
    }

    struct History: ResponseEncodable {
        var items: [MemberDeclaration]
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("households/verification") { request, context -> EditedResponse<VerificationStarted> in
            let body = try await request.decodeJSON(as: VerificationRequest.self, context: context)
            let started = try await households.startVerification(phone: body.phone, from: context.remoteAddress)
            return EditedResponse(status: .accepted, response: VerificationStarted(phone: started.phone, expiresAt: started.expiresAt))
        }
        api.post("households/token") { request, context -> EditedResponse<TokenResponse> in
            let body = try await request.decodeJSON(as: TokenRequest.self, context: context)
            let signedIn = try await households.signIn(phone: body.phone, code: body.code)
            let household = try await household(signedIn.household)
            return EditedResponse(
                status: .created, headers: [.cacheControl: "no-store"],
                response: TokenResponse(token: signedIn.token, expiresAt: signedIn.expiresAt, household: household)
            )
        }
        api.get("households/me") { request, _ -> Household in
            try await household(try await households.household(token: request.headers.bearer?.token))
        }
        api.put("households/me") { request, context -> Household in
            let current = try await households.household(token: request.headers.bearer?.token)
            let body = try await request.decodeJSON(as: AddressRequest.self, context: context)
            return try await household(
                try await households.setAddress(of: current, provinceCode: body.provinceCode, wardCode: body.wardCode, street: body.street, reminderHour: body.reminderHour)
            )
        }
        api.post("households/me/members") { request, context -> EditedResponse<Member> in
            let current = try await households.household(token: request.headers.bearer?.token)
            let body = try await request.decodeJSON(as: MemberRequest.self, context: context)
            let added = try await households.addMember(
                fullName: body.fullName, birthYear: body.birthYear, sex: body.sex, relation: body.relation, idNumber: body.idNumber, to: current
            )
            return EditedResponse(status: .created, response: Self.member(added))
        }
        api.delete("households/me/members/:id") { request, context -> HTTPResponse.Status in
            let current = try await households.household(token: request.headers.bearer?.token)
            try await households.removeMember(try context.pathID(of: "Member"), of: current)
            return .noContent
        }
        api.post("households/me/members/:id/declarations") { request, context -> EditedResponse<MemberDeclaration> in
            let current = try await households.household(token: request.headers.bearer?.token)
            let member = try await households.member(try context.pathID(of: "Member"), of: current)
            let body = try await request.decodeJSON(as: DeclarationRequest.self, context: context)
            let submitted = try await households.declare(
                for: member, of: current, answers: body.answers, language: Language(acceptLanguage: request.headers[.acceptLanguage])
            )
            return EditedResponse(
                status: .created,
                response: MemberDeclaration(
                    code: submitted.record.code, submittedAt: submitted.record.submittedAt,
                    risk: DeclarationJSON.Risk(level: submitted.triage.level, reasons: submitted.triage.reasons)
                )
            )
        }
        api.get("households/me/members/:id/declarations") { request, context -> History in
            let current = try await households.household(token: request.headers.bearer?.token)
            let member = try await households.member(try context.pathID(of: "Member"), of: current)
            let records = try await declarations.declarations(ofMember: member.id)
            return History(
                items: records.map { MemberDeclaration(code: $0.code, submittedAt: $0.submittedAt, risk: DeclarationJSON.Risk($0, service: declarations)) }
            )
        }
    }

    func household(_ record: HouseholdRecord) async throws -> Household {
        Household(
            id: record.id, phone: record.phone, provinceCode: record.provinceCode, wardCode: record.wardCode, street: record.street,
            reminderHour: record.reminderHour, members: try await households.members(of: record).map(Self.member)
        )
    }

    static func member(_ member: HouseholdMember) -> Member {
        Member(id: member.id, fullName: member.fullName, birthYear: member.birthYear, sex: member.sex, relation: member.relation, idNumber: member.idNumber)
    }
}
