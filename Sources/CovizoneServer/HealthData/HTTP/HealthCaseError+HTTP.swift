extension HealthCaseError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .caseNotFound(let id): .notFound("No case \(id).")
        case .outsideProvince(let own): .forbidden("This account reads the cases of province \(own ?? "-") only.")
        case .notConfirmed(let id): APIError(.conflict, "Case \(id) is not a confirmed case.")
        case .noPhone(let id): APIError(.conflict, "Case \(id) has no phone number to trace check-ins by.")
        case .visitNotFound(let id): .notFound("No visit \(id) of this case in its infectious period.")
        case .mergeNotFound(let id): .notFound("No merge \(id).")
        case .mergeSettled(let id, let status): APIError(.conflict, "Merge \(id) is \(status.rawValue) already.")
        }
    }
}
