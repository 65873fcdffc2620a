import Foundation

/// Why a communication-reporting request cannot be done.
enum ReportingError: Error, Equatable {
    /// No such unit, or not one this account may see (the two answer alike).
    case orgUnitNotFound(orgUnitID: Int64)
    /// The parent named in a new unit does not exist or is outside the account's part of the tree.
    case unknownParent(parentID: Int64)
    /// The account may not add units there.
    case outsideTree(allowed: String?)
    /// No such round, or not one this account may see.
    case roundNotFound(roundID: Int64)
    /// The unit is not one the round expects a report from.
    case notExpected(orgUnitID: Int64, roundID: Int64)
    /// The account may not fill, complete or reopen this unit's report.
    case notYourReport(orgUnitID: Int64)
    /// The round locked (its due time plus the lock days passed) and the report was not reopened.
    case roundLocked(roundID: Int64, lockedAt: Date)
    /// The report is complete: a province officer reopens it before it changes again.
    case alreadyComplete(orgUnitID: Int64)
    /// Nothing was saved yet, so there is nothing to complete.
    case nothingSaved(orgUnitID: Int64)
    /// Only province officers and the ministry do this (reopen, remind).
    case officersOnly(action: String)
    /// Only a complete report is reopened.
    case notComplete(orgUnitID: Int64)
}
