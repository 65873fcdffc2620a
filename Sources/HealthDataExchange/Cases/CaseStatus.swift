import Foundation

/// Where a case stands over time, as the ministry counts it: suspected, then confirmed, then
/// admitted or isolated, and finally recovered, deceased or transferred. A later report may move a
/// case on; it never moves a closed case back (a new episode is a new case), and a suspected case
/// that a negative result or a refuted diagnosis clears is closed as `cleared`.
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case suspected
    case confirmed
    case admitted
    case isolated
    case recovered
    case deceased
    case transferred
    /// Suspected, then found not to be a case.
    case cleared

    /// Whether the case is over.
    public var isClosed: Bool {
        switch self {
        case .recovered, .deceased, .transferred, .cleared: true
        case .suspected, .confirmed, .admitted, .isolated: false
        }
    }

    /// Whether a confirmed case in this status is still active.
    public var isActive: Bool {
        switch self {
        case .confirmed, .admitted, .isolated: true
        case .suspected, .recovered, .deceased, .transferred, .cleared: false
        }
    }
}

/// Where a case stands and whether it was ever confirmed, moved on by what reports say. Each
/// event that changes something is kept as a milestone: the new status, or `confirmed` when a
/// suspect already admitted or isolated is confirmed (the case stays where it is, now a
/// confirmed case). A later report never moves a closed case (a new episode is a new case) nor
/// steps back; a suspicion that a negative result or a refuted diagnosis clears — or that leaves
/// without ever being confirmed — closes as `cleared`.
public struct CaseProgress: Sendable, Equatable {
    public private(set) var status: CaseStatus
    public private(set) var confirmed: Bool

    public init(status: CaseStatus = .suspected, confirmed: Bool = false) {
        self.status = status
        self.confirmed = confirmed || status == .confirmed
    }

    /// Where a case stands after its kept milestones, oldest first.
    public init(replaying milestones: [CaseStatus]) {
        self.init()
        for milestone in milestones { replay(milestone) }
    }

    /// Moves on by a milestone kept earlier.
    public mutating func replay(_ milestone: CaseStatus) {
        if milestone == .confirmed {
            confirmed = true
            if status == .suspected { status = .confirmed }
        } else if milestone != .suspected {
            status = milestone
        }
    }

    /// Applies `event`; the milestone to keep, or nil when it changes nothing.
    public mutating func apply(_ event: CaseEvent) -> CaseStatus? {
        guard !status.isClosed else { return nil }
        let next: CaseStatus
        switch event {
        case .suspected: return nil
        case .confirmed:
            guard !confirmed else { return nil }
            confirmed = true
            if status == .suspected { status = .confirmed }
            return .confirmed
        case .cleared:
            guard !confirmed else { return nil }
            next = .cleared
        case .recovered: next = confirmed ? .recovered : .cleared
        case .admitted: next = .admitted
        case .isolated: next = .isolated
        case .deceased: next = .deceased
        case .transferred: next = .transferred
        }
        guard next != status else { return nil }
        status = next
        return next
    }

    /// Whether the case counts as active: confirmed and not closed.
    public var isActive: Bool { confirmed && status.isActive }
}

/// What a report says happened to a case.
public enum CaseEvent: String, Codable, Sendable, CaseIterable {
    case suspected, confirmed, cleared, admitted, isolated, recovered, deceased, transferred
}

extension CaseEvent {
    /// When a new case reported with `events` opened as a suspicion: at the earliest of them, or
    /// `reportedAt` when there are none; nil when it opened confirmed (a confirmation among the
    /// earliest events), so that it is counted once, as confirmed.
    public static func suspicionOpening(_ events: [(event: CaseEvent, at: Date)], reportedAt: Date) -> Date? {
        guard let first = events.first else { return reportedAt }
        return events.contains { $0.at == first.at && $0.event == .confirmed } ? nil : first.at
    }
}
