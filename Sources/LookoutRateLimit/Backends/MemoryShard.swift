#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One shard of the in-memory backend: its keys' states in a dense array, found through an
/// open-addressing table of (hash, index) slots. Only touched under the shard's mutex.
///
/// A lookup probes at most ``maxProbes`` consecutive slots from the key's hash and
/// compares the stored 64-bit hash before the key itself, so a decision costs one hash,
/// a few slot reads and usually one string comparison, with no allocation for a known
/// key. The table is at most half full. Entries are only removed by ``sweep(now:)``,
/// which rebuilds the table (no tombstones): when the shard has doubled since the last
/// sweep, or when it is full and its earliest expiry has passed, so a flood of new keys
/// into a full shard costs O(1) each. A new key that finds no free slot within the
/// probe bound, or arrives when the shard holds `capacity` keys, shares the shard's
/// overflow state for its limit: limited together with other such keys, which is stricter,
/// never looser.
struct MemoryShard {
    struct Entry {
        var key: String
        var hash: UInt64
        var state: LimiterState
        var expiry: Int64
    }

    struct Slot {
        var hash: UInt64
        /// Index in `entries`, or -1 when free.
        var index: Int32

        static let free = Slot(hash: 0, index: -1)
    }

    /// The most slots one lookup reads.
    static let maxProbes = 32

    private var entries: [Entry] = []
    private var table: [Slot]
    private var overflow: [RateLimit: LimiterState] = [:]
    private let capacity: Int
    private let maxTableSize: Int
    private var nextSweepAt = 64
    /// No held key expires before this instant (µs), so a full shard need not sweep before it.
    private var earliestExpiry = Int64.max
    private(set) var overflowDecisions = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        var size = 16
        while size < self.capacity * 2 { size <<= 1 }
        maxTableSize = size
        table = Array(repeating: .free, count: min(size, 64))
    }

    var count: Int { entries.count }

    /// Decides for the key whose UTF-8 bytes are `key` (a `String` is made of them only
    /// when the key is new and admitted).
    mutating func decide(_ key: UnsafeRawBufferPointer, hash: UInt64, limit: RateLimit, cost: Int, now: Int64) -> RateLimitDecision {
        if let index = find(key, hash: hash) {
            return entries.withUnsafeMutableBufferPointer { $0[index].update(limit: limit, cost: cost, now: now) }
        }
        if entries.count >= nextSweepAt || (entries.count >= capacity && now >= earliestExpiry) {
            sweep(now: now)
        }
        if entries.count < capacity, (entries.count + 1) * 2 > table.count, table.count < maxTableSize {
            rebuild(tableSize: table.count * 2)
        }
        guard entries.count < capacity, let slot = freeSlot(for: hash) else {
            overflowDecisions += 1
            var state = overflow[limit] ?? .empty
            let decision = limit.decide(&state, now: now, cost: cost)
            overflow[limit] = state
            return decision
        }
        var state = LimiterState.empty
        let decision = limit.decide(&state, now: now, cost: cost)
        // A denied first request changes nothing: no need to remember the key.
        if decision.isAllowed {
            let entry = Entry(key: String(decoding: key, as: UTF8.self), hash: hash, state: state, expiry: limit.expiry(of: state))
            table[slot] = Slot(hash: hash, index: Int32(entries.count))
            entries.append(entry)
            earliestExpiry = min(earliestExpiry, entry.expiry)
        }
        return decision
    }

    /// The index in `entries` of `key`, if held.
    @inline(__always)
    private func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        table.withUnsafeBufferPointer { table in
            let mask = table.count - 1
            var position = Int(truncatingIfNeeded: hash) & mask
            for _ in 0..<Self.maxProbes {
                let slot = table[position]
                if slot.index < 0 { return nil }
                if slot.hash == hash, Self.equal(entries[Int(slot.index)].key, key) { return Int(slot.index) }
                position = (position + 1) & mask
            }
            return nil
        }
    }

    /// Whether `stored`'s UTF-8 bytes are `key`.
    @inline(__always)
    static func equal(_ stored: String, _ key: UnsafeRawBufferPointer) -> Bool {
        let utf8 = stored.utf8
        guard utf8.count == key.count else { return false }
        return utf8.withContiguousStorageIfAvailable { $0.isEmpty || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }
            ?? utf8.elementsEqual(key)
    }

    /// The first free slot within the probe bound from `hash`.
    private func freeSlot(for hash: UInt64) -> Int? {
        let mask = table.count - 1
        var position = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.maxProbes {
            if table[position].index < 0 { return position }
            position = (position + 1) & mask
        }
        return nil
    }

    /// Forgets every key whose state no longer matters at `now`.
    mutating func sweep(now: Int64) {
        entries.removeAll { $0.expiry <= now }
        nextSweepAt = max(64, entries.count * 2)
        earliestExpiry = entries.lazy.map(\.expiry).min() ?? Int64.max
        var size = 64
        while size < entries.count * 2, size < maxTableSize { size <<= 1 }
        rebuild(tableSize: size)
    }

    /// Re-slots every entry in a table of `tableSize` slots. An entry that finds no slot
    /// within the probe bound (only possible with deliberately colliding keys) is dropped.
    private mutating func rebuild(tableSize: Int) {
        table = Array(repeating: .free, count: tableSize)
        var kept: [Entry] = []
        kept.reserveCapacity(entries.count)
        for entry in entries {
            guard let slot = freeSlot(for: entry.hash) else { continue }
            table[slot] = Slot(hash: entry.hash, index: Int32(kept.count))
            kept.append(entry)
        }
        entries = kept
    }
}

extension MemoryShard.Entry {
    @inline(__always)
    mutating func update(limit: RateLimit, cost: Int, now: Int64) -> RateLimitDecision {
        let decision = limit.decide(&state, now: now, cost: cost)
        expiry = limit.expiry(of: state)
        return decision
    }
}
