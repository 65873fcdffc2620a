extension AccountError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .throttled(let seconds): APIError(.tooManyRequests, "Too many failed sign-ins. Try again later.", headers: [.retryAfter: "\(seconds)"])
        case .wrongCredentials: APIError(.unauthorized, "Wrong username or password.")
        }
    }
}
