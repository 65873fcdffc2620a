import CovizoneStore

/// Why a request about the exchange's cases (outside FHIR) cannot be met.
enum HealthCaseError: Error, Equatable {
    /// No case with this id, or not the reader's to see.
    case caseNotFound(id: Int64)
    /// A province's officers read and act on their province's cases only.
    case outsideProvince(own: String?)
    /// Upload codes and venue tracing follow confirmed cases only.
    case notConfirmed(id: Int64)
    /// The case has no phone to trace check-ins by.
    case noPhone(id: Int64)
    /// The visit is not one of the case's visits in its infectious period.
    case visitNotFound(visitID: Int64)
    /// No merge with this id in the reviewer's province.
    case mergeNotFound(id: Int64)
    /// The merge was undone already, or (to confirm) is no longer pending.
    case mergeSettled(id: Int64, status: HealthMergeStatus)
}
