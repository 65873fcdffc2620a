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

/// Where a case stands, whether it was ever confirmed, and which facility holds its bed, moved
/// on by what reports say. An event that changes something gives a milestone: the new status,
/// `confirmed` when a suspect already admitted or isolated is confirmed (the case stays where it
/// is, now a confirmed case), or the same stay again when another facility admits or isolates
/// the case (a transfer of its bed). A closed case never moves (a new episode is a new case) nor
/// does a case step back; a suspicion that a negative result or a refuted diagnosis clears — or
/// that leaves without ever being confirmed — closes as `cleared`.
public struct CaseProgress: Sendable, Equatable {
    public private(set) var status: CaseStatus = .suspected
    public private(set) var confirmed = false
    /// The facility whose admission or isolation the case is in (nil when it holds no bed).
    public private(set) var bedHolder: Int64?

    public init() {}

    /// Applies `event` reported by `facility`; the milestone it gives, or nil when it changes nothing.
    public mutating func apply(_ event: CaseEvent, from facility: Int64? = nil) -> CaseStatus? {
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
        let staysAgain = next == status && (next == .admitted || next == .isolated) && facility != bedHolder
        guard next != status || staysAgain else { return nil }
        status = next
        bedHolder = next == .admitted || next == .isolated ? facility : next.isClosed ? nil : bedHolder
        return next
    }

    /// Whether the case counts as active: confirmed and not closed.
    public var isActive: Bool { confirmed && status.isActive }
}

/// A case's reported events in time order, read into its milestones: the case opens at its first
/// event — as a suspicion unless a confirmation is among its first events, so that a case first
/// reported confirmed is counted once, as confirmed — and each event then moves it as
/// ``CaseProgress`` says. Replayed whenever a report arrives late or a merge is undone, so the
/// stored status, the history and the figures always agree.
public struct CaseTimeline: Sendable {
    /// What a facility reported, and when.
    public struct Event: Sendable, Equatable {
        public var event: CaseEvent
        public var facility: Int64?
        public var at: Date

        public init(event: CaseEvent, facility: Int64?, at: Date) {
            self.event = event
            self.facility = facility
            self.at = at
        }
    }

    /// One event read: the milestone it gave (if any) and where the case then stood.
    public struct Step: Sendable, Equatable {
        public var milestone: CaseStatus?
        public var facility: Int64?
        public var at: Date
        public var progress: CaseProgress
    }

    /// Every event read, in time order (the opening first).
    public let steps: [Step]

    /// The timeline of `events`, in the order given where they share a time.
    public init(_ events: [Event]) {
        let ordered = events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        var progress = CaseProgress()
        var steps: [Step] = []
        if let first = ordered.first, !ordered.contains(where: { $0.at == first.at && $0.event == .confirmed }) {
            steps.append(Step(milestone: .suspected, facility: first.facility, at: first.at, progress: progress))
        }
        for event in ordered {
            let milestone = progress.apply(event.event, from: event.facility)
            steps.append(Step(milestone: milestone, facility: event.facility, at: event.at, progress: progress))
        }
        self.steps = steps
    }

    /// Where the case stands after every event.
    public var progress: CaseProgress { steps.last?.progress ?? CaseProgress() }

    /// The milestones, oldest first: what changed, which facility reported it, when.
    public var milestones: [(status: CaseStatus, facility: Int64?, at: Date)] {
        steps.compactMap { step in step.milestone.map { ($0, step.facility, step.at) } }
    }
}

/// What a report says happened to a case.
public enum CaseEvent: String, Codable, Sendable, CaseIterable {
    case suspected, confirmed, cleared, admitted, isolated, recovered, deceased, transferred
}

extension CaseEvent {
    /// What a new case reported with no event says: that it is suspected, at `reportedAt`.
    public static func opening(of events: [(event: CaseEvent, at: Date)], reportedAt: Date) -> [(event: CaseEvent, at: Date)] {
        events.isEmpty ? [(.suspected, reportedAt)] : events
    }
}
