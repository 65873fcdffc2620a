extension OutbreakError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .notFound(let id): .notFound("Outbreak\(id.map { " \($0)" } ?? "")")
        }
    }
}
