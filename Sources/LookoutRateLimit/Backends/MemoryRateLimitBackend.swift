import Synchronization

/// Limiter state in this process's memory: sharded, with short critical sections, idle
/// keys forgotten, and a hard bound on the number of keys.
///
/// A key hashes to one of ``shardCount`` shards, each a dictionary behind its own mutex
/// held only for one O(1) decision. A key whose state no longer affects any decision
/// (two windows idle for the sliding window, a full bucket for GCRA) is removed by the
/// shard's sweep, which runs when the shard has doubled since the last one (amortised
/// O(1) per decision). When a shard still holds ``maxKeys`` / ``shardCount`` keys after a
/// sweep, new keys share one overflow state per shard: they are limited *together*,
/// which is stricter than limiting each alone and never lets a flood of distinct keys
/// (spoofed clients, random API keys) grow memory or dodge a limit.
///
/// Thread-safe; ``decideNow(key:limit:cost:)`` never suspends.
public final class MemoryRateLimitBackend: SynchronousRateLimitBackend {
    /// `memory`.
    public let name = "memory"
    /// Number of shards (a power of two).
    public let shardCount: Int
    /// Most keys held at once across all shards.
    public let maxKeys: Int
    private let clock: RateLimitClock
    private let shards: [ShardLock]
    private let mask: Int

    /// A backend with `shards` shards (rounded up to a power of two) holding at most
    /// `maxKeys` keys, reading time from `clock` (by default the cheap, tick-resolution
    /// ``RateLimitClock/coarse``; pass ``RateLimitClock/system`` for GCRA limits of more
    /// than a few hundred requests per second).
    public init(shards: Int = 16, maxKeys: Int = 1_000_000, clock: RateLimitClock = .coarse) {
        var count = 1
        while count < max(1, shards) { count <<= 1 }
        shardCount = count
        self.maxKeys = max(maxKeys, count)
        self.clock = clock
        mask = count - 1
        let perShard = self.maxKeys / count
        self.shards = (0..<count).map { _ in ShardLock(MemoryShard(capacity: perShard)) }
    }

    /// Decides immediately; see ``RateLimitBackend/decide(key:limit:cost:)``.
    public func decideNow(key: String, limit: RateLimit, cost: Int) -> RateLimitDecision {
        let hashed = HashedKey(key)
        let now = clock.now()
        return shards[hashed.hash & mask].mutex.withLock { shard in
            shard.decide(hashed, limit: limit, cost: cost, now: now)
        }
    }

    /// Decides immediately; never throws.
    public func decide(key: String, limit: RateLimit, cost: Int) async throws(RateLimitBackendError) -> RateLimitDecision {
        decideNow(key: key, limit: limit, cost: cost)
    }

    /// Keys held now (a gauge: distinct limited keys), without sweeping.
    public var keyCount: Int { shards.reduce(0) { total, shard in total + shard.mutex.withLock { $0.count } } }

    /// Keys that were admitted to the overflow state because their shard was full.
    public var overflowDecisions: Int { shards.reduce(0) { total, shard in total + shard.mutex.withLock { $0.overflowDecisions } } }

    /// Removes every expired key now, in every shard.
    public func sweep() {
        let now = clock.now()
        for shard in shards { shard.mutex.withLock { $0.sweep(now: now) } }
    }
}

/// One shard's mutex, in its own allocation (a `Mutex` cannot live in an array).
final class ShardLock: Sendable {
    let mutex: Mutex<MemoryShard>

    init(_ shard: MemoryShard) {
        mutex = Mutex(shard)
    }
}

/// A key with its hash computed once: it picks the shard and feeds the dictionary.
struct HashedKey: Hashable {
    let text: String
    let hash: Int

    init(_ text: String) {
        self.text = text
        hash = text.hashValue
    }

    static func == (lhs: HashedKey, rhs: HashedKey) -> Bool { lhs.hash == rhs.hash && lhs.text == rhs.text }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// One shard's keys. Only touched under its mutex.
struct MemoryShard {
    struct Entry {
        var state: LimiterState
        var expiry: Int64
    }

    private var entries: [HashedKey: Entry] = [:]
    private var overflow: [RateLimit: LimiterState] = [:]
    private let capacity: Int
    private var nextSweepAt = 64
    private(set) var overflowDecisions = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { entries.count }

    mutating func decide(_ key: HashedKey, limit: RateLimit, cost: Int, now: Int64) -> RateLimitDecision {
        if let index = entries.index(forKey: key) {
            return entries.values[index].update(limit: limit, cost: cost, now: now)
        }
        if entries.count >= nextSweepAt || entries.count >= capacity {
            sweep(now: now)
        }
        guard entries.count < capacity else {
            overflowDecisions += 1
            var state = overflow[limit] ?? .empty
            let decision = limit.decide(&state, now: now, cost: cost)
            overflow[limit] = state
            return decision
        }
        var entry = Entry(state: .empty, expiry: 0)
        let decision = entry.update(limit: limit, cost: cost, now: now)
        // A denied first request changes nothing: no need to remember the key.
        if decision.isAllowed { entries[key] = entry }
        return decision
    }

    mutating func sweep(now: Int64) {
        entries = entries.filter { $0.value.expiry > now }
        nextSweepAt = max(64, entries.count * 2)
    }
}

extension MemoryShard.Entry {
    mutating func update(limit: RateLimit, cost: Int, now: Int64) -> RateLimitDecision {
        let decision = limit.decide(&state, now: now, cost: cost)
        expiry = limit.expiry(of: state)
        return decision
    }
}
