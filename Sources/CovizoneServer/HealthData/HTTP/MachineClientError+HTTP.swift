extension MachineClientService.ManagementError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .noFacility(let id): .notFound("No health-facility account \(id).")
        case .noClient(let id): .notFound("No client \(id) in force.")
        case .outsideProvince(let allowed): .forbidden("This account manages the facilities of its province \(allowed) only.")
        }
    }
}
