import Synchronization

/// Limiter state in this process's memory: sharded, with short critical sections, idle
/// keys forgotten, and a hard bound on the number of keys.
///
/// A key is hashed once (``KeyHash``, over its UTF-8 bytes): the hash picks one of
/// ``shardCount`` shards, each an open-addressing table behind its own mutex held only for
/// one O(1) decision, with no allocation for a key already held. A key whose state no longer affects any decision
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
        decide(key: key, limit: limit, cost: cost, now: clock.now())
    }

    /// Decides at `now` (µs since the epoch) instead of reading the clock: a caller making
    /// several decisions for one request reads the clock once.
    public func decide(key: String, limit: RateLimit, cost: Int, now: Int64) -> RateLimitDecision {
        if let decision = key.utf8.withContiguousStorageIfAvailable({ decide(keyBytes: UnsafeRawBufferPointer($0), limit: limit, cost: cost, now: now) }) {
            return decision
        }
        return Array(key.utf8).withUnsafeBytes { decide(keyBytes: $0, limit: limit, cost: cost, now: now) }
    }

    /// Decides for the key whose UTF-8 bytes are `keyBytes` (built on the stack by the
    /// limiter, so a known key costs no allocation).
    func decide(keyBytes: UnsafeRawBufferPointer, limit: RateLimit, cost: Int, now: Int64) -> RateLimitDecision {
        let hash = KeyHash.hash(keyBytes)
        return shards[Int(truncatingIfNeeded: hash >> 40) & mask].mutex.withLock { shard in
            shard.decide(keyBytes, hash: hash, limit: limit, cost: cost, now: now)
        }
    }

    /// The current time on this backend's clock (µs since the epoch).
    public func now() -> Int64 { clock.now() }

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
