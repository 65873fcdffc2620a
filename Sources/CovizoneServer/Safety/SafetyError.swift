import FacilitySafety

/// Why a safety-map request cannot be done.
enum SafetyError: Error, Equatable {
    /// No such facility, or not one this account may act on (the two answer alike).
    case facilityNotFound(facilityID: Int64)
    case feedbackNotFound(feedbackID: Int64)
    /// The account may act only in its own province.
    case outsideProvince(allowed: String?)
    /// Only the facility's manager self-checks it and answers its reports.
    case notTheManager(facilityID: Int64)
    /// `managerUsername` names no facility-manager account of the facility's province.
    case unknownManager(username: String)
    /// `venueId` names no venue of the facility's province.
    case unknownVenue(venueID: Int64)
    /// The answers do not match the checklist version they name.
    case answersMismatch(AnswerMismatch)
    /// The facility's checklist has no such version.
    case unknownChecklistVersion(checklistID: String, version: Int, current: Int)
    /// A self-check counts only with the manager's commitment.
    case notCommitted
    /// Only a published or verified report can be answered.
    case feedbackNotPublic(feedbackID: Int64)
    case unknownWard(wardCode: String)
}
