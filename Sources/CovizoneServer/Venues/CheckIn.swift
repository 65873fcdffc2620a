import CovizoneStore
import Foundation

/// A check-in to record: who, where, when, and how long the venue's visits last.
struct PendingCheckIn: Sendable {
    var visitor: Visitor
    var venue: VenueRecord
    var time: Date
    var stay: TimeInterval
}

/// A recorded check-in.
struct CheckIn: Sendable {
    var visit: VisitRecord
    var venue: VenueRecord
    /// The secret the visitor checks out with.
    var checkoutToken: String
    /// False when a re-scan extended an open visit.
    var isNew: Bool
    /// The warnings of outbreaks already declared whose window this visit falls in: the visitor
    /// reads them in the answer (no text is sent for a check-in made after the declaration).
    var outbreakWarnings: [String] = []
}
