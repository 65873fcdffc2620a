extension VenueError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .notFound(let id): .notFound("Venue\(id.map { " \($0)" } ?? "")")
        case .outsideProvince(let allowed): .forbidden("This account may only register venues in province \(allowed ?? "-").")
        case .alreadyApproved(let id): APIError(.conflict, "Venue \(id) is already approved.")
        case .awaitingApproval(let id): APIError(.conflict, "Venue \(id) waits for approval by a province officer; its QR code comes after.")
        }
    }
}
