import CovizoneCore

/// A round's period as ADX writes it (`urn:ihe:qrph:adx:2015`): the first day and the number of
/// days, `2020-08-01/P6D`, from inclusive Vietnamese dates.
public struct ADXPeriod: Sendable, Equatable, CustomStringConvertible {
    /// Day numbers (``VietnamDay``), inclusive.
    public let start: Int
    public let end: Int

    /// Reads `YYYY-MM-DD` dates; nil when one is not a date or the end comes before the start.
    public init?(start: String, end: String) {
        guard let first = VietnamDay.number(from: start), let last = VietnamDay.number(from: end) else { return nil }
        self.init(startDay: first, endDay: last)
    }

    /// The period of day numbers `startDay` to `endDay`, inclusive; nil when it ends before it starts.
    public init?(startDay: Int, endDay: Int) {
        guard endDay >= startDay else { return nil }
        start = startDay
        end = endDay
    }

    /// How many days the period covers.
    public var days: Int { end - start + 1 }

    public var description: String { "\(VietnamDay.string(ofNumber: start))/P\(days)D" }
}
