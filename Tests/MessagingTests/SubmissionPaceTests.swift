import Foundation
import Messaging
import Testing

@Suite("Pacing a bind by the SMSC's throttling answers")
struct SubmissionPaceTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Submits a part whenever the pace allows, one every `every` seconds at most, from `from` for
    /// `seconds`; returns how many went.
    func submitWhenAllowed(_ pace: inout SubmissionPace, from: Date, seconds: Double, every: Double = 0.001) -> Int {
        var sent = 0
        for step in 0..<Int(seconds / every) {
            let now = from + Double(step) * every
            if pace.nextTurn(after: now) <= now {
                pace.submitted(at: now)
                sent += 1
            }
        }
        return sent
    }

    @Test("a configured ceiling paces from the start, in bursts of a twentieth of a second")
    func ceiling() {
        var pace = SubmissionPace(ceiling: 100, now: start)
        let sent = submitWhenAllowed(&pace, from: start, seconds: 1)
        #expect((100...105).contains(sent))
        var burst = SubmissionPace(ceiling: 100, now: start)
        #expect(submitWhenAllowed(&burst, from: start, seconds: 0.0001, every: 0.00001) == 5)
        var slow = SubmissionPace(ceiling: 2, now: start)
        slow.submitted(at: start)
        #expect(abs(slow.nextTurn(after: start).timeIntervalSince(start) - 0.5) < 1e-9)
    }

    @Test("with no ceiling and no throttle, only the window holds the bind back")
    func unpaced() {
        var pace = SubmissionPace(ceiling: nil, now: start)
        #expect(submitWhenAllowed(&pace, from: start, seconds: 1) == 1_000)
        #expect(pace.rate == nil && pace.learntRate == nil)
    }

    @Test("a throttle cuts the rate parts went out at by a quarter, once for the parts already sent, down to one a second")
    func cut() throws {
        var pace = SubmissionPace(ceiling: nil, now: start)
        let end = start + 1
        #expect(submitWhenAllowed(&pace, from: start, seconds: 1, every: 0.01) == 100)
        pace.throttled(sentAt: end - 0.01, at: end)
        let learnt = try #require(pace.learntRate)
        #expect(abs(learnt - 75) < 0.01, "a hundred a second measured, three quarters of it learnt")
        pace.throttled(sentAt: end - 0.02, at: end + 0.001)
        #expect(pace.learntRate == learnt, "a part sent before the cut went out at the old rate")
        for step in 1...40 {
            let now = end + Double(step)
            pace.submitted(at: now)
            pace.throttled(sentAt: now, at: now)
        }
        #expect(pace.learntRate == SubmissionPace.slowest)
    }

    @Test("each accepted part raises a learnt rate by half a percent, never past the ceiling or twice what goes out")
    func growth() throws {
        var pace = SubmissionPace(ceiling: nil, learntRate: 50, now: start)
        pace.accepted(at: start)
        #expect(abs(try #require(pace.learntRate) - 50.25) < 1e-9)
        var capped = SubmissionPace(ceiling: 60, learntRate: 50, now: start)
        for _ in 0..<100 { capped.accepted(at: start) }
        #expect(capped.learntRate == 60 && capped.rate == 60)
        var held = SubmissionPace(ceiling: nil, learntRate: 5, now: start)
        held.submitted(at: start)
        held.submitted(at: start + 0.1)
        for _ in 0..<1_000 { held.accepted(at: start + 0.1) }
        #expect(abs(try #require(held.learntRate) - 20) < 1e-3, "parts went out at 10 a second: the rate grows to twice that, no further")
    }

    @Test("against an SMSC that accepts 200 parts a second, the bind settles just under it")
    func rateCap() {
        let smsc = RateCappedSMSC(partsPerSecond: 200)
        let run = simulate(seconds: 30, smsc: smsc)
        // The last twenty seconds, once it learnt the rate.
        #expect(run.acceptedAfterTenSeconds >= Int(0.8 * 200 * 20), "\(run)")
        #expect(run.throttled < run.accepted / 10, "few throttled parts once learnt: \(run)")
    }

    @Test("a throttle in a hundred costs less than a fifth of the speed")
    func strayThrottles() {
        let run = simulate(seconds: 30, smsc: EveryNthThrottled(every: 100))
        // Unthrottled, the bind sends a part a millisecond: 20,000 in twenty seconds.
        #expect(run.acceptedAfterTenSeconds >= Int(0.8 * 20_000), "\(run)")
    }

    struct Run: CustomStringConvertible {
        var accepted = 0
        var acceptedAfterTenSeconds = 0
        var throttled = 0
        var description: String { "accepted \(accepted) (\(acceptedAfterTenSeconds) after 10 s), throttled \(throttled)" }
    }

    /// A bind that can send a part a millisecond, each answered two milliseconds later by `smsc`.
    func simulate(seconds: Int, smsc: some SimulatedSMSC) -> Run {
        var smsc = smsc
        var pace = SubmissionPace(ceiling: nil, now: start)
        var answers: [(due: Int, sentAt: Date, throttled: Bool)] = []
        var run = Run()
        for millisecond in 0..<seconds * 1_000 {
            let now = start + Double(millisecond) / 1_000
            while let answer = answers.first, answer.due <= millisecond {
                answers.removeFirst()
                if answer.throttled {
                    pace.throttled(sentAt: answer.sentAt, at: now)
                    run.throttled += 1
                } else {
                    pace.accepted(at: now)
                    run.accepted += 1
                    if millisecond >= 10_000 { run.acceptedAfterTenSeconds += 1 }
                }
            }
            guard pace.nextTurn(after: now) <= now else { continue }
            pace.submitted(at: now)
            answers.append((millisecond + 2, now, smsc.throttles(at: now)))
        }
        return run
    }
}

protocol SimulatedSMSC {
    /// Whether a part arriving at `now` is throttled.
    mutating func throttles(at now: Date) -> Bool
}

/// Accepts at most `partsPerSecond` parts a second (a token bucket holding a tenth of a second's worth).
struct RateCappedSMSC: SimulatedSMSC {
    let partsPerSecond: Double
    var tokens: Double
    var updatedAt: Date?

    init(partsPerSecond: Double) {
        self.partsPerSecond = partsPerSecond
        tokens = partsPerSecond / 10
    }

    mutating func throttles(at now: Date) -> Bool {
        tokens = min(partsPerSecond / 10, tokens + now.timeIntervalSince(updatedAt ?? now) * partsPerSecond)
        updatedAt = now
        guard tokens >= 1 else { return true }
        tokens -= 1
        return false
    }
}

/// Throttles every `every`-th part, whatever the rate.
struct EveryNthThrottled: SimulatedSMSC {
    let every: Int
    var count = 0

    mutating func throttles(at now: Date) -> Bool {
        count += 1
        return count % every == 0
    }
}
