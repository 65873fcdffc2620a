extension SafetyError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .facilityNotFound(let id): .notFound("No facility \(id).")
        case .feedbackNotFound(let id): .notFound("No report \(id).")
        case .outsideProvince(let allowed): .forbidden("This account acts only in province \(allowed ?? "-").")
        case .notTheManager(let id): .forbidden("Only the manager of facility \(id) may do this.")
        case .unknownManager(let username):
            .invalid([.init(field: "managerUsername", message: "\(username) is not a facility-manager account of the facility's province")])
        case .unknownVenue(let id): .invalid([.init(field: "venueId", message: "venue \(id) is not a venue of the facility's province")])
        case .answersMismatch(let mismatch): .invalid(mismatch.items.map { .init(field: "answers.\($0.itemID)", message: $0.message) })
        case .unknownChecklistVersion(let id, let version, let current):
            .invalid([.init(field: "checklistVersion", message: "checklist \(id) has no version \(version); the current one is \(current)")])
        case .notCommitted: .invalid([.init(field: "commitment", message: "must be true: the manager commits that the tasks answered as done were done")])
        case .feedbackNotPublic(let id): APIError(.conflict, "Report \(id) is not published; only published reports are answered.")
        case .unknownWard(let code): .notFound("No ward \(code).")
        }
    }
}
