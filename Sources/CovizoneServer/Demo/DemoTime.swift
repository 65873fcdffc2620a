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
