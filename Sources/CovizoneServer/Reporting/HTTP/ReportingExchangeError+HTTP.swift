import CovizoneCore

extension APIError {
    /// A 422 for a file rejected whole: each problem named by its line and column.
    static func rowsRejected(_ rows: [ImportRowError], nothingDone: String) -> APIError {
        APIError(
            .unprocessableContent, "\(Set(rows.map(\.line)).count) lines have problems; \(nothingDone).",
            errors: rows.map { FieldError(field: "line \($0.line): \($0.field ?? "row")", message: $0.message) }, code: "rows_rejected"
        )
    }
}

extension ReportingExchangeError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .importRejected(let rows): .rowsRejected(rows, nothingDone: "no value was saved")
        }
    }
}

extension OrgUnitImportError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .rejected(let rows): .rowsRejected(rows, nothingDone: "no unit was added")
        }
    }
}
