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

    /// Whether the case counts as active (confirmed and not closed).
    public var isActive: Bool {
        switch self {
        case .confirmed, .admitted, .isolated: true
        case .suspected, .recovered, .deceased, .transferred, .cleared: false
        }
    }

    /// The status after `event`, or nil when the event does not move the case (a closed case, or
    /// a step back such as a suspicion after a confirmation).
    public func after(_ event: CaseEvent) -> CaseStatus? {
        guard !isClosed else { return nil }
        let next: CaseStatus
        switch event {
        case .suspected: next = .suspected
        case .confirmed: next = self == .suspected ? .confirmed : self
        case .cleared: next = self == .suspected ? .cleared : self
        case .admitted: next = .admitted
        case .isolated: next = .isolated
        case .recovered: next = self == .suspected ? .cleared : .recovered
        case .deceased: next = .deceased
        case .transferred: next = .transferred
        }
        return next == self || Self.order(next) < Self.order(self) ? nil : next
    }

    /// How far along a case is (equal ranks may follow each other: admitted after isolated and back).
    private static func order(_ status: CaseStatus) -> Int {
        switch status {
        case .suspected: 0
        case .confirmed: 1
        case .admitted, .isolated: 2
        case .recovered, .deceased, .transferred, .cleared: 3
        }
    }
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
