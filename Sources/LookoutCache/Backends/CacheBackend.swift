/// Where cached values live: a byte store with per-key time-to-live, the same for memory
/// and Redis. This is also the plain cache API (get, set and delete a value by key with a
/// TTL) for callers that cache something other than candles.
///
/// Semantics every backend follows (checked by the shared conformance suite):
/// - `set` stores or replaces the value, which expires `ttl` later; an expired key reads
///   as absent.
/// - `get` of an absent or expired key is `nil`.
/// - `delete` removes the key and says whether it was there.
/// - Values are opaque bytes, stored and returned unchanged.
///
/// Implementations are `Sendable` and safe to call concurrently. Errors are transport or
/// server failures (``CacheBackendError``); callers treat them as misses (see
/// ``CandleCache``), never as failures of the request they serve.
public protocol CacheBackend: Sendable {
    /// A short lowercase name for logs and the `backend` metric label: `memory`, `redis`.
    var name: String { get }
    /// The value under `key`, or `nil` if absent or expired.
    func get(_ key: String) async throws(CacheBackendError) -> [UInt8]?
    /// The values under `keys`, in order (one round trip where the backend can).
    func get(_ keys: [String]) async throws(CacheBackendError) -> [[UInt8]?]
    /// Stores `value` under `key` for `ttl` (at least 1 ms).
    func set(_ key: String, _ value: [UInt8], ttl: Duration) async throws(CacheBackendError)
    /// Removes `key`; `true` if it was there.
    @discardableResult
    func delete(_ key: String) async throws(CacheBackendError) -> Bool
}

extension CacheBackend {
    /// One `get` per key, in order: for backends without a batched read.
    public func get(_ keys: [String]) async throws(CacheBackendError) -> [[UInt8]?] {
        var values: [[UInt8]?] = []
        values.reserveCapacity(keys.count)
        for key in keys { values.append(try await get(key)) }
        return values
    }
}

/// A cache backend operation that failed: the backend is unreachable, too slow, full or
/// answered an error. Callers fall back to the source of truth.
public struct CacheBackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure, bounded (usable as a metric label).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        /// The backend could not be reached or the connection broke.
        public static let unavailable = Code(name: "unavailable")
        /// The backend did not answer within its command timeout.
        public static let timeout = Code(name: "timeout")
        /// The backend refused to store more (Redis `OOM`).
        public static let outOfMemory = Code(name: "out_of_memory")
        /// The backend answered with another error.
        public static let server = Code(name: "server")
        /// The backend was shut down.
        public static let shutDown = Code(name: "shut_down")
        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, for logs.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "cache backend \(code): \(message)" }
}
