/// Deterministic 64-bit hashing for every pseudo-random choice the simulator makes.
///
/// Swift's `Hasher` is seeded per process, so it cannot be used: the same request must get
/// the same bytes in every run and on every machine. These functions are the SplitMix64
/// finaliser and FNV-1a, both fixed public algorithms.
enum StableHash {
    /// FNV-1a over the UTF-8 bytes of `text`.
    static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The SplitMix64 finaliser: a bijective, well-mixed function of `value`.
    @inline(__always)
    static func scramble(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Combines a seed with one more input.
    @inline(__always)
    static func mix(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        scramble(seed ^ scramble(value))
    }

    /// Combines a seed with a tag and a signed index (a day, a node, a request number).
    @inline(__always)
    static func mix(_ seed: UInt64, _ tag: UInt64, _ index: Int64) -> UInt64 {
        mix(mix(seed, tag), UInt64(bitPattern: index))
    }

    /// A uniform value in [0, 1) from the top 53 bits of `hash`.
    @inline(__always)
    static func unit(_ hash: UInt64) -> Double {
        Double(hash >> 11) * 0x1p-53
    }

    /// A uniform value in [-1, 1).
    @inline(__always)
    static func signedUnit(_ hash: UInt64) -> Double {
        unit(hash) * 2 - 1
    }

    /// An approximately standard-normal value (Irwin–Hall sum of four 16-bit uniforms,
    /// rescaled to unit variance; bounded to ±3.46).
    @inline(__always)
    static func normal(_ hash: UInt64) -> Double {
        let sum = Double(hash & 0xFFFF) + Double((hash >> 16) & 0xFFFF) + Double((hash >> 32) & 0xFFFF) + Double(hash >> 48)
        return (sum / 65536 - 2) * 1.7320508075688772
    }
}
