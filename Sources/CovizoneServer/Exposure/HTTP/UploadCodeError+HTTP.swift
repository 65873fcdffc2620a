extension UploadCodeError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .tooManyCodes(let limit): APIError(.tooManyRequests, "At most \(limit) codes an hour per officer.", headers: [.retryAfter: "3600"])
        case .noFreeCode: APIError(.serviceUnavailable, "Could not draw an unused code; try again.")
        }
    }
}
