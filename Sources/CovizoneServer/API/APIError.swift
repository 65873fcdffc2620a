import CovizoneCore
import HTTPTypes
import Hummingbird

/// An error with an HTTP status that the error middleware turns into an RFC 9457 problem
/// (or an error page on web routes).
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    /// A short, human-readable summary.
    public var detail: String
    /// Field problems, for validation failures.
    public var errors: [FieldError]
    /// Extra response headers, such as `Retry-After` or `WWW-Authenticate`.
    public var headers: HTTPFields
    /// A stable machine-readable reason (such as `invalid_signature`) for clients to branch on.
    public var code: String?

    public init(_ status: HTTPResponse.Status, _ detail: String, errors: [FieldError] = [], headers: HTTPFields = [:], code: String? = nil) {
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.code = code
    }

    /// 400: the body is not JSON (or not the JSON shape at all).
    public static func malformed(_ detail: String) -> APIError { APIError(.badRequest, detail) }

    /// 422: the input parsed but breaks the rules.
    public static func invalid(_ errors: [FieldError]) -> APIError {
        APIError(.unprocessableContent, "The request has invalid fields.", errors: errors)
    }

    /// 401: no valid credentials.
    public static let unauthenticated = APIError(
        .unauthorized, "Sign in or send a valid bearer token.", headers: [.wwwAuthenticate: "Bearer realm=\"covizone\""]
    )

    /// 403: signed in, but the role or province does not allow this.
    public static func forbidden(_ detail: String) -> APIError { APIError(.forbidden, detail) }

    /// 404 for a named thing.
    public static func notFound(_ detail: String) -> APIError { APIError(.notFound, detail) }
}
