import Foundation

/// When a phone changes its identifier. The RPI changes together with the Bluetooth address at
/// random moments 10 to 20 minutes apart, so that rotations cannot be predicted and linked; each
/// new identifier is derived from the interval in which the rotation happens.
public struct RotationSchedule: Sendable {
    /// Shortest and longest time between two rotations.
    public static let minimumGap: TimeInterval = 10 * 60
    public static let maximumGap: TimeInterval = 20 * 60

    /// Rotation moments, ascending.
    public let rotations: [Date]

    /// Rotations from `start` until `end`, with gaps drawn from `generator`.
    public init<Generator: RandomNumberGenerator>(from start: Date, until end: Date, using generator: inout Generator) {
        var moments: [Date] = []
        var moment = start
        while moment < end {
            moments.append(moment)
            moment += TimeInterval.random(in: Self.minimumGap..<Self.maximumGap, using: &generator)
        }
        rotations = moments
    }

    /// The interval whose identifier is on air at `date`: that of the latest rotation at or before it.
    public func broadcastInterval(at date: Date) -> ENIntervalNumber? {
        var low = 0
        var high = rotations.count
        while low < high {
            let middle = (low + high) / 2
            if rotations[middle] <= date { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : ENIntervalNumber(date: rotations[low - 1])
    }
}
