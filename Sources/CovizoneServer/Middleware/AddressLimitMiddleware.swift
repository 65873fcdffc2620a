import CovizoneCore
import HTTPTypes
import Hummingbird

/// Answers 429 to anonymous requests that go past their address's budget: check-ins (and their
/// previews and check-outs), the phones' exposure endpoints, and declarations and household
/// sign-ins on the API and the pages, invitations, citizens' reports on facilities and questions,
/// and (generously) official information's searches and look-ups and the published verdicts on
/// misinformation (tips have their own hourly budget in the store). The budgets are per minute and per server instance
/// (``ServerConfiguration/AddressLimits``); what costs a text or guards a secret is also
/// counted across instances in the store (``AttemptThrottle``).
struct AddressLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limiter: AddressRateLimiter
    let limits: ServerConfiguration.AddressLimits
    let clock: WallClock

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard let (kind, perMinute) = budget(for: request.uri.path, method: request.method),
            !limiter.allows(kind, from: context.remoteAddress, perMinute: perMinute, now: clock.now.timeIntervalSince1970)
        else { return try await next(request, context) }
        throw APIError(.tooManyRequests, "Too many requests from this address; wait a minute.", headers: [.retryAfter: "60"], code: "rate_limited")
    }

    /// The kind of request a path is, and its budget; nil for paths without one.
    func budget(for path: String, method: HTTPRequest.Method) -> (kind: String, perMinute: Int)? {
        if method == .get {
            let lookUps = [
                "/api/v1/info/search", "/api/v1/info/facilities", "/info/search", "/info/facilities", "/api/v1/misinformation/claim-reviews",
                "/misinformation/verdicts",
            ]
            return lookUps.contains(where: path.hasPrefix) ? ("lookups", limits.lookUps) : nil
        }
        guard method == .post else { return nil }
        if path == "/api/v1/info/questions" || path == "/info/questions" { return ("questions", limits.questions) }
        if path.hasPrefix("/api/v1/checkins") { return ("checkins", limits.checkIns) }
        if path.hasPrefix("/api/v1/exposure/") { return ("exposure", limits.exposure) }
        for prefix in ["/api/v1/declarations/entry", "/declarations/entry", "/api/v1/households", "/households"] where path.hasPrefix(prefix) {
            return ("declarations", limits.declarations)
        }
        if path.hasPrefix("/api/v1/invitations") || path.hasPrefix("/invitation") { return ("invitations", limits.invitations) }
        if (path.hasPrefix("/api/v1/safety/facilities/") || path.hasPrefix("/safety/facilities/")) && path.hasSuffix("/feedback") {
            return ("feedback", limits.feedback)
        }
        return nil
    }
}
