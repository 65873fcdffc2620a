import Foundation
import Testing

@testable import SMPPTransport

struct PartRateLimiterTests {
    @Test func allowsTheRateOnAverageWithSmallBursts() {
        let start = Date(timeIntervalSince1970: 1_000)
        var limiter = PartRateLimiter(partsPerSecond: 100, now: start)
        var sent = 0
        for millisecond in 0..<1_000 where limiter.take(at: start + Double(millisecond) / 1_000) {
            sent += 1
        }
        // A burst of 5 (a twentieth of a second's worth) at the start, then 100 a second.
        #expect((100...105).contains(sent))
        var burst = PartRateLimiter(partsPerSecond: 100, now: start)
        #expect((0..<10).filter { _ in burst.take(at: start) }.count == 5)
    }

    @Test func tellsWhenTheNextPartMayGo() {
        let start = Date(timeIntervalSince1970: 1_000)
        var limiter = PartRateLimiter(partsPerSecond: 2, now: start)
        let first = limiter.take(at: start)
        let second = limiter.take(at: start)
        let next = limiter.nextToken(after: start)
        let third = limiter.take(at: start + 0.5)
        limiter.giveBack()
        let returned = limiter.take(at: start + 0.5)
        #expect(first && !second && third && returned)
        #expect(abs(next.timeIntervalSince(start) - 0.5) < 1e-9)
    }
}
