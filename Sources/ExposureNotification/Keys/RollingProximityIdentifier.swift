import Foundation

/// A rolling proximity identifier (RPI): the 16 bytes a phone broadcasts for one interval.
/// Without the day's key it cannot be linked to the phone or to its other identifiers.
public struct RollingProximityIdentifier: Hashable, Sendable, CustomStringConvertible {
    public static let length = 16
    public let bytes: Data

    /// Checks the length of identifier bytes read from a scan or a file.
    public init(bytes: Data) throws {
        guard bytes.count == Self.length else {
            throw ExposureNotificationError.wrongLength(what: "rolling proximity identifier", expected: Self.length, actual: bytes.count)
        }
        self.bytes = Data(bytes)
    }

    init(validatedBytes: Data) {
        self.bytes = validatedBytes
    }

    /// Lowercase hexadecimal.
    public var description: String { bytes.map { String(format: "%02x", $0) }.joined() }
}
