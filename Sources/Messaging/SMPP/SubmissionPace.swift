import Foundation

/// How fast one bind submits parts. Until the SMSC first throttles, only the window (and a
/// configured ceiling) holds the bind back. Each throttling answer (`ESME_RTHROTTLED`,
/// `ESME_RMSGQFUL`) then teaches it a rate: the throttle cuts the rate parts were going out at by a
/// quarter, and each accepted part raises it by half a percent. The bind settles just under what
/// the SMSC accepts, and a stray throttle costs a few dozen parts' worth of speed, not a pause.
public struct SubmissionPace: Sendable {
    /// Most parts a second, whatever was learnt (from the configuration); nil for no limit.
    public let ceiling: Double?
    /// The rate learnt from throttling answers; nil until the SMSC throttles.
    public private(set) var learntRate: Double?
    private var tokens: Double = 1
    private var updatedAt: Date
    /// The average time between two submissions (pauses over a second left out): what the rate
    /// parts went out at was when a throttle came.
    private var interval: TimeInterval?
    private var lastSubmission: Date?
    private var lastCut = Date.distantPast

    /// What a throttle leaves of the rate.
    public static let decrease = 0.75
    /// What each accepted part adds to the rate, as a share of it.
    public static let increase = 0.005
    /// The slowest it goes, in parts a second, however often the SMSC throttles.
    public static let slowest = 1.0

    /// A pace with no limit but `ceiling`, or one that goes on at a rate learnt before (by an
    /// earlier connection of the same bind).
    public init(ceiling: Double?, learntRate: Double? = nil, now: Date) {
        self.ceiling = ceiling
        self.learntRate = learntRate
        updatedAt = now
        tokens = capacity
    }

    /// Parts a second now; nil when only the window holds the bind back.
    public var rate: Double? {
        switch (ceiling, learntRate) {
        case (let ceiling?, let learnt?): min(ceiling, learnt)
        case (let ceiling, let learnt): ceiling ?? learnt
        }
    }

    /// When the next part may go: `now` or later.
    public func nextTurn(after now: Date) -> Date {
        guard let rate else { return now }
        let available = tokens(at: now, rate: rate)
        return available >= 1 ? now : now + (1 - available) / rate
    }

    /// A part went out: it takes its turn.
    public mutating func submitted(at now: Date) {
        if let rate {
            tokens = tokens(at: now, rate: rate) - 1
            updatedAt = now
        }
        if let lastSubmission, now.timeIntervalSince(lastSubmission) < 1 {
            let gap = max(0, now.timeIntervalSince(lastSubmission))
            interval = interval.map { $0 * 0.98 + gap * 0.02 } ?? gap
        }
        lastSubmission = now
    }

    /// The SMSC took a part: a learnt rate grows, though never past twice what parts really go
    /// out at (a bind held back by its window learns nothing about the SMSC's rate).
    public mutating func accepted(at now: Date) {
        guard let learnt = learntRate else { return }
        settle(at: now)
        var raised = learnt * (1 + Self.increase)
        if let measured = measuredRate { raised = min(raised, max(learnt, 2 * measured)) }
        if let ceiling { raised = min(raised, max(learnt, ceiling)) }
        learntRate = raised
    }

    /// The SMSC throttled a part sent at `sentAt`. Parts sent before the last cut went out at the
    /// old rate, so only the first of a burst of throttles cuts it.
    public mutating func throttled(sentAt: Date, at now: Date) {
        guard sentAt >= lastCut else { return }
        let known = [learntRate, measuredRate, ceiling].compactMap { $0 }
        guard let base = known.min() else { return }
        settle(at: now)
        learntRate = max(Self.slowest, base * Self.decrease)
        lastCut = now
        tokens = min(tokens, capacity)
    }

    /// What parts went out at lately, from the average gap between them.
    private var measuredRate: Double? { interval.map { 1 / max($0, 1e-6) } }

    /// Bursts of at most a twentieth of a second's worth (at least one part).
    private var capacity: Double { max(1, (rate ?? 20) / 20) }

    private func tokens(at now: Date, rate: Double) -> Double {
        min(capacity, tokens + max(0, now.timeIntervalSince(updatedAt)) * rate)
    }

    /// Counts the turns earned so far at the current rate, before the rate changes.
    private mutating func settle(at now: Date) {
        if let rate { tokens = tokens(at: now, rate: rate) }
        updatedAt = now
    }
}
