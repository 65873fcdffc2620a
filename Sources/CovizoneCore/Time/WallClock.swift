import Foundation

/// Where code asks for the current time, so that tests can move it (token expiry, retention).
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The system's clock.
    public static let system = WallClock { Date() }

    public var now: Date { read() }
}
