import Foundation

/// A token bucket counting parts: `rate` parts a second on average, with bursts of at most a
/// twentieth of a second's worth (at least one part).
struct PartRateLimiter: Sendable {
    let rate: Double
    let capacity: Double
    private var tokens: Double
    private var updatedAt: Date

    init(partsPerSecond rate: Double, now: Date) {
        self.rate = rate
        capacity = max(1, rate / 20)
        tokens = capacity
        updatedAt = now
    }

    /// Takes one part's token if there is one now.
    mutating func take(at now: Date) -> Bool {
        refill(at: now)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Returns a token taken for a part that did not come.
    mutating func giveBack() {
        tokens = min(capacity, tokens + 1)
    }

    /// When the next token will be there.
    mutating func nextToken(after now: Date) -> Date {
        refill(at: now)
        return tokens >= 1 ? now : now + (1 - tokens) / rate
    }

    private mutating func refill(at now: Date) {
        tokens = min(capacity, tokens + max(0, now.timeIntervalSince(updatedAt)) * rate)
        updatedAt = now
    }
}
