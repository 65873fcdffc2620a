import HTTPTypes

extension MisinformationError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .claimNotFound(let id): .notFound("No claim \(id).")
        case .takedownNotFound(let id): .notFound("No takedown request \(id).")
        case .accountNotFound(let id): .notFound("No spreader account \(id).")
        case .outsideProvince(let allowed):
            .forbidden("This account works on its province \(allowed ?? "-")'s claims; national claims are the ministry's.")
        case .tooManyTips: APIError(.tooManyRequests, "Too many tips from this address this hour; try again later.", headers: [.retryAfter: "3600"], code: "rate_limited")
        case .notEnoughVerdicts(let samples, let unreliable):
            APIError(.conflict, "Training needs at least \(ClassifierService.minimumSamples) decided items with both verdicts; the desk has \(samples), \(unreliable) false or misleading.")
        case .takedownState(let message): APIError(.conflict, message)
        }
    }
}
