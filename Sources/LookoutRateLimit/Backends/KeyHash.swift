/// A fast, seeded 64-bit hash of a key's UTF-8 bytes, computed once per decision: its high
/// bits pick the in-memory backend's shard, its low bits the slot in that shard's table.
///
/// Eight bytes at a time, each folded into the state by a full 64 × 64 → 128-bit multiply
/// whose halves are xored, with constants drawn at random once per process, so another
/// process (or an attacker) cannot predict which keys collide. It is not a cryptographic
/// hash: the table that uses it also bounds how far it probes (see ``MemoryShard``), so
/// even colliding keys cost a bounded amount of work.
enum KeyHash {
    /// Per-process random constants (odd, so the multiplies lose no bits).
    static let seeds: (UInt64, UInt64, UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next() | 1, generator.next() | 1, generator.next() | 1, generator.next() | 1)
    }()

    /// The hash of `key`'s UTF-8 bytes.
    @inline(__always)
    static func hash(_ key: String) -> UInt64 {
        if let hash = key.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return hash }
        return Array(key.utf8).withUnsafeBytes { hash($0) }
    }

    /// The hash of `bytes`.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let seeds = Self.seeds
        let count = bytes.count
        var state = seeds.0 ^ UInt64(truncatingIfNeeded: count)
        guard let base = bytes.baseAddress, count > 0 else { return fold(state, seeds.3) }
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                state = fold(state ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self), seeds.1)
                offset += 8
            }
            // The last eight bytes (overlapping the previous word when the count is not a multiple of 8).
            state = fold(state ^ base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), seeds.2)
        } else {
            var tail: UInt64 = 0
            for index in 0..<count { tail |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << (8 * UInt64(index)) }
            state = fold(state ^ tail, seeds.2)
        }
        return fold(state, seeds.3)
    }

    /// The high and low halves of `a × b` (128 bits), xored.
    @inline(__always)
    static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
