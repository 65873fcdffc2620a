import CovizoneCore
import Hummingbird

extension Request {
    /// The fields of a signed-in officer's form: the account must hold one of `roles` and the
    /// form the session's CSRF token; at most `limit` bytes.
    func officerForm(context: AppRequestContext, roles: Set<Role>, limit: Int = 64 * 1024) async throws -> (Principal, [String: String]) {
        let principal = try context.authorize(roles)
        let fields = try await formFields(limit: limit)
        try context.verifySessionCSRF(fields)
        return (principal, fields)
    }
}

extension PageText {
    /// A refused form's problems as lines: one a field (labels from `labelPrefix`), else the problem's detail.
    func problemLines(_ error: any HTTPProblemConvertible, labelPrefix: String) -> [String] {
        let lines = fieldErrors(error.problem.errors, labelPrefix: labelPrefix)
        return lines.isEmpty ? [error.problem.detail] : lines
    }
}
