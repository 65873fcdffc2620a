extension CSVImportError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .notUTF8: APIError(.unprocessableContent, "The file must be UTF-8 text.", code: "invalid_csv")
        case .notCSV(let reason): APIError(.unprocessableContent, "The file is not valid CSV: \(reason).", code: "invalid_csv")
        case .empty: APIError(.unprocessableContent, "The file is empty.", code: "invalid_csv")
        case .tooManyRows(let limit): APIError(.contentTooLarge, "Import at most \(limit) rows at a time.", code: "too_many_rows")
        case .invalidHeader(let problems):
            APIError(.unprocessableContent, "The header row must name the import's columns.", errors: problems, code: "invalid_header")
        case .noProvince: .forbidden("Imports belong to a province officer.")
        }
    }
}
