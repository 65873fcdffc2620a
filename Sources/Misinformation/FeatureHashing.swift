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
        slot(of: hashed(feature))
    }

    /// The position and sign of the feature `tag` + `first` (+ " " + `second`), hashed without
    /// putting the text together (the same slot as ``slot(of:)`` of the whole).
    public func slot(tag: String, _ first: String, _ second: String? = nil) -> (index: Int, sign: Float) {
        var hash = hashed(tag)
        hash = hashed(first, from: hash)
        if let second {
            hash = (hash ^ 0x20) &* Self.prime
            hash = hashed(second, from: hash)
        }
        return slot(of: hash)
    }

    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    private func hashed(_ text: String, from start: UInt64 = offset) -> UInt64 {
        var hash = start
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* Self.prime }
        return hash
    }

    private func slot(of hash: UInt64) -> (index: Int, sign: Float) {
        (Int(hash & UInt64(dimension - 1)), hash >> 63 == 0 ? 1 : -1)
    }
}
