/// Where one round of a campaign stands. The raw values are the strings of the API and the store.
public enum RoundStatus: String, Sendable, Codable, CaseIterable {
    /// Due later; its recipients are not queued yet.
    case planned
    /// Its recipients are in the outbound queue.
    case queued
    /// Every message of the round is settled.
    case done
    case cancelled

    /// True once the round has figures to show (its messages were queued).
    public var hasFigures: Bool { self == .queued || self == .done }
}
