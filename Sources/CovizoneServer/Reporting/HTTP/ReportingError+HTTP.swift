import Foundation

extension ReportingError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .orgUnitNotFound(let id): .notFound("No organisation unit \(id).")
        case .unknownParent(let id): .invalid([.init(field: "parentId", message: "unit \(id) is not one this account may add units under")])
        case .outsideTree(let allowed): .forbidden("This account adds units only under its province \(allowed ?? "-").")
        case .roundNotFound(let id): .notFound("No reporting round \(id).")
        case .notExpected(let unit, let round): .notFound("Round \(round) expects no report from unit \(unit).")
        case .notYourReport(let unit): .forbidden("This account may not change the report of unit \(unit).")
        case .roundLocked(let round, let lockedAt):
            APIError(.conflict, "Round \(round) locked at \(lockedAt.formatted(.iso8601)); a province officer can reopen the report.")
        case .alreadyComplete(let unit): APIError(.conflict, "The report of unit \(unit) is complete; a province officer can reopen it.")
        case .nothingSaved(let unit): APIError(.conflict, "The report of unit \(unit) has no values saved yet.")
        case .officersOnly(let action): .forbidden("Only a province officer or the ministry may \(action).")
        case .notComplete(let unit): APIError(.conflict, "The report of unit \(unit) is not complete.")
        }
    }
}
