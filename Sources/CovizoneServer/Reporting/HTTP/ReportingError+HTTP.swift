extension ReportingError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .orgUnitNotFound(let id): .notFound("No organisation unit \(id).")
        case .unknownParent(let id): .invalid([.init(field: "parentId", message: "unit \(id) is not one this account may add units under")])
        case .outsideTree(let allowed): .forbidden("This account adds units only under its province \(allowed ?? "-").")
        }
    }
}
