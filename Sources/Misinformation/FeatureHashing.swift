/// Words turned into positions of a fixed-size vector by hashing (no vocabulary to keep in step
/// between training and scoring): FNV-1a, the same on every machine and run, with a sign from
/// another bit so that collisions cancel rather than add up.
public struct FeatureHashing: Sendable, Equatable, Codable {
    /// log₂ of the vector's size.
    public let bits: Int

    public init(bits: Int = 18) {
        self.bits = bits
    }

    public var dimension: Int { 1 << bits }

    /// The position and sign of `feature`.
    public func slot(of feature: String) -> (index: Int, sign: Float) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in feature.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return (Int(hash & UInt64(dimension - 1)), hash >> 63 == 0 ? 1 : -1)
    }
}
