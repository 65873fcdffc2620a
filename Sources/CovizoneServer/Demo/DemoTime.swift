import CovizoneCore
import Foundation
import NIOConcurrencyHelpers

/// The clock the demo world is built on: set to each moment in the recent past at which a demo
/// person acts, so that the services stamp what they write with that moment.
final class DemoTime: Sendable {
    private let current: NIOLockedValueBox<Date>

    init(_ start: Date) {
        current = NIOLockedValueBox(start)
    }

    var now: Date { current.withLockedValue { $0 } }

    /// The clock services read.
    var clock: WallClock { WallClock { [current] in current.withLockedValue { $0 } } }

    func set(_ date: Date) {
        current.withLockedValue { $0 = date }
    }

    /// Sets the clock to `hour:minute` (Vietnam time) of day `day`.
    func set(day: Int, hour: Int, minute: Int = 0) {
        set(VietnamDay.start(ofNumber: day) + TimeInterval(hour * 3600 + minute * 60))
    }
}

/// A small seeded generator (SplitMix64), so that a day of the demo is the same on every machine.
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: Int) {
        state = UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
