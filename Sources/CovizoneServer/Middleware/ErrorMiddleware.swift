import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird

/// Turns every error into a response: an RFC 9457 problem under `/api`, a page (or a redirect to
/// the login page) elsewhere. Unexpected errors are logged with the request id and answered with
/// a 500 that reveals nothing.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error)
            if apiError.status == .internalServerError, !(error is FHIRFailure), !(error is HealthExchangeError) {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            if request.uri.path.hasPrefix("/fhir/") { return FHIRResponse.failure(error) }
            if Self.isAPI(request.uri.path) {
                return ProblemDetails(error: apiError, path: request.uri.path, requestID: context.requestID)
                    .response(headers: apiError.headers)
            }
            return page(for: apiError, request: request, context: context)
        }
    }

    /// Machine-facing paths answer errors with problem documents; the rest are pages.
    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix("/exposure/v1/") || ["/healthz", "/readyz", "/metrics"].contains(path)
    }

    /// The status and text for an error of any kind.
    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as any HTTPProblemConvertible:
            return error.problem
        case let error as HTTPError:
            return APIError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
        case let error as any HTTPResponseError:
            return APIError(error.status, error.status.reasonPhrase)
        default:
            return .internal
        }
    }

    private func page(for error: APIError, request: Request, context: AppRequestContext) -> Response {
        if error.status == .unauthorized {
            let next = PageRenderer.percentEncoded(request.pathAndQuery)
            return Response(status: .seeOther, headers: [.location: "/login?next=\(next)"])
        }
        let language = PageRenderer.language(of: request)
        let messageKey = switch error.status {
        case .forbidden: "error_403"
        case .notFound: "error_404"
        default: "error_generic"
        }
        return renderer.render(
            "error", titleKey: "error_title", page: ErrorPage(message: renderer.localizer.string(messageKey, language)),
            request: request, context: context, status: error.status, headers: error.headers
        )
    }
}
