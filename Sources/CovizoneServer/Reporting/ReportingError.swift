/// Why a communication-reporting request cannot be done.
enum ReportingError: Error, Equatable {
    /// No such unit, or not one this account may see (the two answer alike).
    case orgUnitNotFound(orgUnitID: Int64)
    /// The parent named in a new unit does not exist or is outside the account's part of the tree.
    case unknownParent(parentID: Int64)
    /// The account may not add units there.
    case outsideTree(allowed: String?)
}
