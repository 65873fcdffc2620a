/// What a citizen reports about a facility. Each checklist item names the categories that concern
/// it (`feedbackCategories` in the checklist file), so the mapping is data, like the items.
public enum FeedbackCategory: String, CaseIterable, Codable, Sendable {
    case noMasks = "no-masks"
    case noDistancing = "no-distancing"
    case noScreening = "no-screening"
    case noQRPoster = "no-qr-poster"
    case crowding
    case noHandWashing = "no-hand-washing"
    case other
}

/// Where a citizen's report stands, as Ushahidi moderates posts: nothing is public until an
/// officer of the facility's province has looked at it.
public enum FeedbackStatus: String, CaseIterable, Codable, Sendable {
    case inReview = "in-review"
    /// Public and confirmed by the officer.
    case verified
    /// Public, not confirmed.
    case published
    case rejected
    case archived

    /// Whether the public sees a report in this status.
    public var isPublic: Bool { self == .verified || self == .published }

    /// The decisions an officer may take on a report.
    public static let decisions: [FeedbackStatus] = [.verified, .published, .rejected, .archived]
}
