import CovizoneCore
import CovizoneStore
import HTTPTypes

/// An error that knows how the API answers it. Domain errors know nothing of HTTP: each
/// conforms in a file of its own in the HTTP layer (`CheckInError+HTTP.swift`), and
/// ``ErrorMiddleware`` reads the answer from here for every route.
protocol HTTPProblemConvertible: Error {
    /// The status, text, field errors, headers and code of the answer.
    var problem: APIError { get }
}

extension APIError: HTTPProblemConvertible {
    var problem: APIError { self }
}

extension ValidationFailure: HTTPProblemConvertible {
    var problem: APIError { .invalid(errors) }
}

extension StoreError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .duplicate(let what): APIError(.conflict, "\(what) already exists.")
        case .notFound(let what): APIError(.notFound, "\(what) does not exist.")
        case .busy: APIError(.serviceUnavailable, "The server is busy; try again in a few seconds.", headers: [.retryAfter: "5"], code: "busy")
        case .invalidConfiguration, .schemaTooNew, .corrupt: .internal
        }
    }
}

extension APIError {
    /// 500: what went wrong is logged, not told.
    static let `internal` = APIError(.internalServerError, "The server could not handle this request; it has been logged.")
}
