import Foundation

/// The number of a 10-minute interval since the Unix epoch (GAEN `ENIntervalNumber`): the clock
/// of rolling identifiers and key validity.
public struct ENIntervalNumber: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Length of one interval.
    public static let seconds: UInt32 = 600
    /// Intervals in one day, the validity of one temporary exposure key (`TEKRollingPeriod`).
    public static let intervalsPerDay: UInt32 = 144

    public var rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The interval that contains `date`.
    public init(date: Date) {
        self.rawValue = UInt32(clamping: Int64((date.timeIntervalSince1970 / Double(Self.seconds)).rounded(.down)))
    }

    /// When the interval begins.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(rawValue) * TimeInterval(Self.seconds)) }

    /// The first interval of the UTC day this interval falls in: where a day's key starts rolling.
    public var dayStart: ENIntervalNumber {
        ENIntervalNumber(rawValue: rawValue - rawValue % Self.intervalsPerDay)
    }

    /// This interval moved by `count` intervals.
    public func advanced(by count: Int) -> ENIntervalNumber {
        ENIntervalNumber(rawValue: UInt32(clamping: Int64(rawValue) + Int64(count)))
    }

    /// The four bytes of the number in little-endian order, as it appears in `PaddedData`.
    public var littleEndianBytes: [UInt8] {
        withUnsafeBytes(of: rawValue.littleEndian, Array.init)
    }

    public static func < (lhs: ENIntervalNumber, rhs: ENIntervalNumber) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}
