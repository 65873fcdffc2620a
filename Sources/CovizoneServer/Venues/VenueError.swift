/// Why a venue cannot be shown or changed.
enum VenueError: Error, Equatable {
    /// No such venue, or not one this account may see (the two answer alike).
    case notFound(venueID: Int64?)
    /// The account may register venues only in its own province.
    case outsideProvince(allowed: String?)
    case alreadyApproved(venueID: Int64)
    /// The venue has no poster and takes no check-ins until a province officer approves it.
    case awaitingApproval(venueID: Int64)
}
