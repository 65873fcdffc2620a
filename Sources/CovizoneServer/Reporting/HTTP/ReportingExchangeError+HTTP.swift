import CovizoneCore

extension ReportingExchangeError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .importRejected(let rows):
            APIError(
                .unprocessableContent, "\(Set(rows.map(\.line)).count) lines have problems; no value was saved.",
                errors: rows.map { FieldError(field: "line \($0.line): \($0.field ?? "row")", message: $0.message) }, code: "rows_rejected"
            )
        }
    }
}
