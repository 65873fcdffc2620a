import Foundation

extension Duration {
    /// This duration in seconds, fractions included, for `Date` arithmetic.
    public var timeInterval: TimeInterval { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
