import CovizoneCore

extension AccountManagementError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .notAllowed(let reason): APIError(.forbidden, "Not allowed: \(reason).")
        case .notFound(let id): APIError(.notFound, "Account \(id) does not exist or is not yours to see.")
        case .usernameTaken(let username): APIError(.conflict, "The username \(username) is taken.", code: "username_taken")
        case .invitationInvalid: APIError(.gone, "This invitation does not work: it was used, replaced or has expired. Ask for a new one.", code: "invitation_invalid")
        case .notCSV(let reason): APIError(.unprocessableContent, "This is not a CSV of accounts: \(reason).", code: "not_csv")
        case .importRejected(let rows):
            APIError(
                .unprocessableContent, "\(Set(rows.map(\.line)).count) rows have problems; no account was created.",
                errors: rows.map { FieldError(field: "line \($0.line): \($0.field)", message: $0.message) }, code: "rows_rejected"
            )
        }
    }
}
