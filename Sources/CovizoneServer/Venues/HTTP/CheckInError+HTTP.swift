import CovizoneCore

extension CheckInError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .invalidPass(let failure):
            APIError(.unprocessableContent, failure.description, errors: [FieldError(field: "qr", message: failure.description)], code: failure.code)
        case .unknownVenue: APIError(.notFound, "This venue is not registered or no longer approved.", code: "unknown_venue")
        case .tooManyCheckIns(let seconds):
            APIError(.tooManyRequests, "Too many check-ins from this phone in the last hour.", headers: [.retryAfter: "\(seconds)"], code: "rate_limited")
        case .unknownVisit: APIError(.notFound, "No open visit with this id and token.", code: "unknown_visit")
        }
    }
}
