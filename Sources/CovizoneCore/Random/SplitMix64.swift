/// A small generator whose sequence depends only on its seed (SplitMix64), so that what is drawn
/// — a demo's day, a training run's order, a test's data — is the same on every machine and run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// Where the sequence stands (a generator started from it goes on identically).
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for a small integer seed (a day number, an index), spread over the state first.
    public init(smallSeed seed: Int) {
        self.init(seed: UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
