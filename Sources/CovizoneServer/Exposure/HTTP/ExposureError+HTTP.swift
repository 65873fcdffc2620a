import CovizoneCore

extension ExposureError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .nationalOnly: .forbidden("The risk configuration is national: only national accounts may change it.")
        case .staleVersion(let current): .invalid([FieldError(field: "version", message: "must be greater than the current version \(current)")])
        case .unknownRegion(let region): .notFound("Region \(region)")
        case .exportFileNotFound(let name): .notFound("Export file \(name)")
        }
    }
}
