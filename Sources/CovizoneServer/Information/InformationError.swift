/// Why an official-information request cannot be done.
enum InformationError: Error, Equatable {
    case entryNotFound(entryID: Int64)
    case facilityNotFound(facilityID: Int64)
    case hotlineNotFound(hotlineID: Int64)
    case announcementNotFound(announcementID: Int64)
    /// A province officer writes for its own province only; national texts are the ministry's.
    case outsideProvince(allowed: String?)
    /// The account may not change this facility's entry.
    case notYourFacility(facilityID: Int64)
}
