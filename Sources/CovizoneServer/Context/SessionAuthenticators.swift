import CovizoneCore
import CovizoneStore
import Hummingbird
import HummingbirdAuth

/// Authenticates API requests by `Authorization: Bearer <token>`.
struct BearerTokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionRepository
    let clock: WallClock

    func authenticate(request: Request, context: AppRequestContext) async throws -> Principal? {
        guard let bearer = request.headers.bearer else { return nil }
        return try await sessions.findActive(tokenHash: SecretToken(value: bearer.token).hash, kind: .api, at: clock.now)
            .map { Principal(user: $0.1, session: $0.0) }
    }
}

/// Authenticates web pages by the session cookie.
struct SessionCookieAuthenticator: AuthenticatorMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "covizone_session"
    let sessions: SessionRepository
    let clock: WallClock

    func authenticate(request: Request, context: AppRequestContext) async throws -> Principal? {
        guard let value = request.cookies[Self.cookieName]?.value, !value.isEmpty else { return nil }
        return try await sessions.findActive(tokenHash: SecretToken(value: value).hash, kind: .web, at: clock.now)
            .map { Principal(user: $0.1, session: $0.0) }
    }
}
