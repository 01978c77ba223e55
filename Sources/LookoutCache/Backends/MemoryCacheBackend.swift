import Synchronization

/// An in-process ``CacheBackend`` bounded by bytes: least-recently-used entries are evicted
/// to stay under ``maxBytes``, expired ones vanish on their next read (or when eviction
/// reaches them). The default when no Redis is configured.
///
/// Every operation is O(1) under one `Mutex`; values are shared, not copied. An entry's
/// cost is its value's bytes plus its key's bytes plus ``entryOverhead``. A value larger
/// than the whole budget is not stored (and any older value under its key is removed).
/// Never throws.
public final class MemoryCacheBackend: CacheBackend {
    /// Bytes charged per entry on top of key and value (bookkeeping).
    public static let entryOverhead = 64
    /// The byte budget.
    public let maxBytes: Int
    public var name: String { "memory" }
    private let clock: any CacheClock
    private let storage: Mutex<LRUStorage>

    /// Counters and sizes at one moment.
    public struct Statistics: Sendable, Hashable {
        /// Entries held (expired ones not yet removed included).
        public var entries: Int
        /// Bytes charged for them.
        public var bytes: Int
        /// Entries removed to make room, since creation.
        public var evictions: Int
        /// Entries found expired and removed, since creation.
        public var expirations: Int

        /// Creates statistics (for comparisons in tests).
        public init(entries: Int, bytes: Int, evictions: Int, expirations: Int) {
            self.entries = entries
            self.bytes = bytes
            self.evictions = evictions
            self.expirations = expirations
        }
    }

    /// A cache of at most `maxBytes` (64 MiB by default), expiring entries by `clock`.
    public init(maxBytes: Int = 64 << 20, clock: any CacheClock = SystemCacheClock()) {
        self.maxBytes = max(0, maxBytes)
        self.clock = clock
        storage = Mutex(LRUStorage())
    }

    /// Current sizes and counters.
    public var statistics: Statistics {
        storage.withLock { Statistics(entries: $0.index.count, bytes: $0.bytes, evictions: $0.evictions, expirations: $0.expirations) }
    }

    public func get(_ key: String) async -> [UInt8]? {
        read(key)
    }

    public func get(_ keys: [String]) async -> [[UInt8]?] {
        keys.map(read)
    }

    /// The value under `key` without suspending (for hot paths and benchmarks).
    public func read(_ key: String) -> [UInt8]? {
        if case .hit(let value) = lookupNow(key) { return value }
        return nil
    }

    /// What is under `key` without suspending, telling expired from absent.
    public func lookupNow(_ key: String) -> CacheLookup {
        let now = clock.nowMilliseconds()
        return storage.withLock { $0.lookup(key, now: now) }
    }

    public func set(_ key: String, _ value: [UInt8], ttl: Duration) async {
        write(key, value, ttl: ttl)
    }

    /// Stores `value` without suspending.
    public func write(_ key: String, _ value: [UInt8], ttl: Duration) {
        let expiresAt = clock.nowMilliseconds() + max(1, ttl.wholeMilliseconds)
        let cost = value.count + key.utf8.count + Self.entryOverhead
        let budget = maxBytes
        storage.withLock { storage in
            guard cost <= budget else {
                storage.remove(key)
                return
            }
            storage.set(key, value, expiresAt: expiresAt, cost: cost)
            while storage.bytes > budget { storage.evictLeastRecentlyUsed() }
        }
    }

    @discardableResult
    public func delete(_ key: String) async -> Bool {
        let now = clock.nowMilliseconds()
        return storage.withLock { storage in
            guard case .hit = storage.lookup(key, now: now) else { return false }
            storage.remove(key)
            return true
        }
    }
}

/// A hash map over a doubly linked list of slots, most recently used at `head`.
struct LRUStorage {
    struct Entry {
        var key: String
        var value: [UInt8]
        var expiresAt: Int64
        var cost: Int
        var previous = -1
        var next = -1
    }

    var entries: [Entry] = []
    var freeSlots: [Int] = []
    var index: [String: Int] = [:]
    var head = -1
    var tail = -1
    var bytes = 0
    var evictions = 0
    var expirations = 0

    mutating func lookup(_ key: String, now: Int64) -> CacheLookup {
        guard let slot = index[key] else { return .absent }
        guard entries[slot].expiresAt > now else {
            expirations += 1
            remove(key)
            return .expired
        }
        moveToFront(slot)
        return .hit(entries[slot].value)
    }

    mutating func set(_ key: String, _ value: [UInt8], expiresAt: Int64, cost: Int) {
        if let slot = index[key] {
            bytes += cost - entries[slot].cost
            entries[slot].value = value
            entries[slot].expiresAt = expiresAt
            entries[slot].cost = cost
            moveToFront(slot)
            return
        }
        let entry = Entry(key: key, value: value, expiresAt: expiresAt, cost: cost)
        let slot: Int
        if let free = freeSlots.popLast() {
            entries[free] = entry
            slot = free
        } else {
            entries.append(entry)
            slot = entries.count - 1
        }
        index[key] = slot
        bytes += cost
        link(slot)
    }

    mutating func remove(_ key: String) {
        guard let slot = index.removeValue(forKey: key) else { return }
        unlink(slot)
        bytes -= entries[slot].cost
        entries[slot].value = []
        entries[slot].key = ""
        freeSlots.append(slot)
    }

    mutating func evictLeastRecentlyUsed() {
        guard tail >= 0 else { return }
        evictions += 1
        remove(entries[tail].key)
    }

    private mutating func moveToFront(_ slot: Int) {
        guard head != slot else { return }
        unlink(slot)
        link(slot)
    }

    private mutating func link(_ slot: Int) {
        entries[slot].previous = -1
        entries[slot].next = head
        if head >= 0 { entries[head].previous = slot }
        head = slot
        if tail < 0 { tail = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let previous = entries[slot].previous
        let next = entries[slot].next
        if previous >= 0 { entries[previous].next = next } else { head = next }
        if next >= 0 { entries[next].previous = previous } else { tail = previous }
        entries[slot].previous = -1
        entries[slot].next = -1
    }
}
