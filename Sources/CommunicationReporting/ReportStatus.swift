import Foundation

/// Where a unit's report for a round stands, as the round's board shows it.
public enum ReportStatus: String, Codable, Sendable, CaseIterable {
    /// Nothing saved yet.
    case notStarted = "not-started"
    /// Saved, not marked complete (also after a province officer reopens it).
    case draft
    /// Marked complete by the due time.
    case complete
    /// Marked complete after the due time: counted, and not on time.
    case late

    /// The status of a report stored as `completedAt` (nil: a draft) in a round due at `due`; nil
    /// for a report never saved.
    public static func of(saved: Bool, completedAt: Date?, due: Date) -> ReportStatus {
        guard saved else { return .notStarted }
        guard let completedAt else { return .draft }
        return completedAt <= due ? .complete : .late
    }

    /// Whether the report counts in the sums.
    public var isCompleted: Bool { self == .complete || self == .late }
}
