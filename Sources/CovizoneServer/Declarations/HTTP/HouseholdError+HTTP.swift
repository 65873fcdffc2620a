extension HouseholdError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .tooManyCodesForPhone:
            APIError(.tooManyRequests, "Too many codes sent to this phone in the last hour.", headers: [.retryAfter: "3600"], code: "rate_limited")
        case .tooManyCodes:
            APIError(.tooManyRequests, "Too many codes asked for in the last hour; try again later.", headers: [.retryAfter: "3600"], code: "rate_limited")
        case .wrongCode: APIError(.unauthorized, "The code is not right.", code: "invalid_code")
        case .expiredCode: APIError(.unauthorized, "There is no valid code for this phone: ask for a new one.", code: "expired_code")
        case .notSignedIn: .unauthenticated
        case .tooManyMembers(let limit): APIError(.conflict, "A household has at most \(limit) members.", code: "too_many_members")
        case .memberNotFound: .notFound("Member")
        case .addressRequired: APIError(.conflict, "Give the household's address first: its province follows the declarations up.", code: "address_required")
        }
    }
}
