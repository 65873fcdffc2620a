import CovizoneCore
import HTTPTypes
import HummingbirdAuth
import CovizoneStore
import Foundation
import Hummingbird

/// `POST /api/v1/auth/token`, `GET /api/v1/auth/me`, `DELETE /api/v1/auth/token`.
struct AuthController: Sendable {
    let accounts: AccountService

    struct TokenRequest: Decodable {
        var username: String
        var password: String
    }

    struct TokenResponse: ResponseEncodable {
        var token: String
        var expiresAt: Date
        var role: String
    }

    struct AccountResponse: ResponseEncodable {
        var username: String
        var role: String
        var province: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("auth/token", use: issueToken)
        group.get("auth/me", use: me)
        group.delete("auth/token", use: revokeToken)
    }

    @Sendable func issueToken(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<TokenResponse> {
        let body = try await request.decodeJSON(as: TokenRequest.self, context: context)
        var problems: [FieldError] = []
        if body.username.isEmpty { problems.append(FieldError(field: "username", message: "is required")) }
        if body.password.isEmpty { problems.append(FieldError(field: "password", message: "is required")) }
        try ValidationFailure.check(problems)
        let opened = try await accounts.signIn(
            username: body.username, password: body.password, remoteAddress: context.remoteAddress, kind: .api, logger: context.logger
        )
        let response = TokenResponse(
            token: opened.token.value, expiresAt: opened.expiresAt, role: opened.user.role.rawValue
        )
        return EditedResponse(status: .created, headers: [.cacheControl: "no-store"], response: response)
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> AccountResponse {
        let principal = try context.authorize(Set(Role.allCases))
        return AccountResponse(username: principal.user.username, role: principal.user.role.rawValue, province: principal.user.provinceCode)
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        _ = try context.authorize(Set(Role.allCases))
        guard let bearer = request.headers.bearer else { throw APIError.unauthenticated }
        try await accounts.signOut(token: bearer.token)
        return .noContent
    }
}
