/// Why exposure-notification input was refused. Decoders and constructors throw these instead of
/// crashing on bad input.
public enum ExposureNotificationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key or identifier had the wrong number of bytes.
    case wrongLength(what: String, expected: Int, actual: Int)
    /// A rolling period outside 1…144.
    case invalidRollingPeriod(UInt32)
    /// Text that should be hexadecimal or base64 was not.
    case invalidEncoding(String)
    /// A risk configuration that cannot be applied, with every problem found.
    case invalidRiskConfiguration([String])

    public var description: String {
        switch self {
        case .wrongLength(let what, let expected, let actual): "\(what) must be \(expected) bytes, not \(actual)"
        case .invalidRollingPeriod(let period): "rolling period must be 1 to 144, not \(period)"
        case .invalidEncoding(let what): "\(what) is not correctly encoded"
        case .invalidRiskConfiguration(let problems): "invalid risk configuration: " + problems.joined(separator: "; ")
        }
    }
}
