import Foundation
import NIOConcurrencyHelpers

/// Per-address request budgets of one server instance: a token bucket for each kind of anonymous
/// request and client address, refilled evenly over a minute. Memory is bounded: past
/// ``capacity`` addresses, the buckets that have filled up again are dropped (they hold nothing
/// a fresh bucket would not), and if that leaves more than nine tenths, all of them (so that the
/// sweep runs at most once every tenth of the capacity, never at every new address).
final class AddressRateLimiter: Sendable {
    /// Most addresses tracked at once.
    static let capacity = 100_000
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])

    private struct Bucket {
        var tokens: Double
        var updatedAt: TimeInterval
    }

    /// True when a request of `kind` from `address` at `now` (seconds) fits within `perMinute`, and counts it.
    func allows(_ kind: String, from address: String, perMinute: Int, now: TimeInterval) -> Bool {
        let key = kind + "|" + address
        let limit = Double(perMinute)
        return buckets.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: limit, updatedAt: now)
            bucket.tokens = min(limit, bucket.tokens + max(0, now - bucket.updatedAt) * limit / 60)
            bucket.updatedAt = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            if buckets[key] == nil, buckets.count >= Self.capacity {
                buckets = buckets.filter { now - $0.value.updatedAt < 60 }
                if buckets.count >= Self.capacity * 9 / 10 { buckets.removeAll(keepingCapacity: true) }
            }
            buckets[key] = bucket
            return allowed
        }
    }
}
