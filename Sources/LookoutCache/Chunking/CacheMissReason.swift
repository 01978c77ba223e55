/// Why a chunk was not served from the cache (the `reason` label of
/// ``CacheMetrics/misses``).
public enum CacheMissReason: String, Sendable, Hashable, CaseIterable {
    /// Nothing under the key (never written, evicted or flushed).
    case absent
    /// The value's TTL had run out (backends that can tell; others report ``absent``).
    case expired
    /// Absent while other chunks of the same request were hits: only this part is fetched.
    case partial
    /// Not looked up: caching is off for this interval (weeks, months) or the call asked
    /// to bypass.
    case bypass
    /// A value was there but was not a valid chunk for its key (foreign, truncated, other
    /// version); it is overwritten.
    case corrupt
    /// The backend failed; served from upstream.
    case unavailable
}

/// Whether the cache is serving from its backend.
public enum CacheHealth: Sendable, Hashable, CustomStringConvertible {
    /// The last backend operation succeeded.
    case ok
    /// The last backend operation failed (the message says how); candles come from
    /// upstream and the cache keeps retrying the backend.
    case degraded(String)

    public var description: String {
        switch self {
        case .ok: "ok"
        case .degraded(let reason): "degraded: \(reason)"
        }
    }
}
