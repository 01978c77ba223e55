/// A small, fast, seeded pseudo-random generator (SplitMix64): the same seed gives the same
/// sequence on every run and every machine, for reproducible sample data in demos, tests
/// and benchmarks.
///
/// Not for anything that must be unpredictable (keys, tokens, jitter an attacker must not
/// guess): use `SystemRandomNumberGenerator` there.
///
/// ```swift
/// var random = SplitMix64(seed: 42)
/// let delay = Int64.random(in: 0...40, using: &random)
/// let share = random.unit()   // in [0, 1)
/// ```
///
/// Thread-safety: a value type; each copy advances on its own.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next value in [0, 1), from the top 53 bits of ``next()`` (every such value is
    /// an exact `Double`).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
