import Foundation

extension Duration {
    /// Whole and fractional seconds.
    var seconds: TimeInterval { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
