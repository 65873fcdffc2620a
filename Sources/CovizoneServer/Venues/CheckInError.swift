import VenueCheckIn

/// Why a check-in or check-out is refused.
enum CheckInError: Error, Equatable {
    /// The poster's pass is not genuine, or has expired.
    case invalidPass(VenuePass.Failure)
    /// The pass names a venue that is not registered or no longer approved.
    case unknownVenue
    /// The visitor made too many check-ins in the last hour.
    case tooManyCheckIns(retryAfterSeconds: Int)
    /// No open visit has this id and check-out secret.
    case unknownVisit
}
