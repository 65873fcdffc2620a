import CovizoneCore
import Foundation

/// A temporary exposure key (TEK): 16 random bytes a phone makes for each UTC day. Its rolling
/// proximity identifiers are what the phone broadcasts; when its owner is confirmed as a case the
/// key is published as a diagnosis key so that other phones can recognise the identifiers.
public struct TemporaryExposureKey: Hashable, Sendable {
    /// Bytes in a key.
    public static let length = 16

    /// The 16 key bytes.
    public let keyData: Data
    /// First interval in which the key was valid.
    public let rollingStartIntervalNumber: ENIntervalNumber
    /// Number of intervals the key was valid for (1…144; 144 for a full day).
    public let rollingPeriod: UInt32

    /// Checks the key length and the rolling period.
    public init(keyData: Data, rollingStartIntervalNumber: ENIntervalNumber, rollingPeriod: UInt32 = ENIntervalNumber.intervalsPerDay) throws {
        guard keyData.count == Self.length else {
            throw ExposureNotificationError.wrongLength(what: "temporary exposure key", expected: Self.length, actual: keyData.count)
        }
        guard (1...ENIntervalNumber.intervalsPerDay).contains(rollingPeriod) else {
            throw ExposureNotificationError.invalidRollingPeriod(rollingPeriod)
        }
        self.keyData = Data(keyData)
        self.rollingStartIntervalNumber = rollingStartIntervalNumber
        self.rollingPeriod = rollingPeriod
    }

    /// A new random key for the UTC day that contains `date`, valid for the whole day.
    public static func generate<Generator: RandomNumberGenerator>(for date: Date, using generator: inout Generator) -> TemporaryExposureKey {
        let bytes = Data.random(count: length, using: &generator)
        // The length and period are right by construction.
        return try! TemporaryExposureKey(keyData: bytes, rollingStartIntervalNumber: ENIntervalNumber(date: date).dayStart)
    }

    /// A new key from the system's secure random generator.
    public static func generate(for date: Date) -> TemporaryExposureKey {
        var generator = SystemRandomNumberGenerator()
        return generate(for: date, using: &generator)
    }

    /// The intervals this key was valid in.
    public var intervals: [ENIntervalNumber] {
        (0..<rollingPeriod).map { rollingStartIntervalNumber.advanced(by: Int($0)) }
    }
}
