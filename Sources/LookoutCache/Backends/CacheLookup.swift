/// What a backend found under one key: a value, nothing, or a value whose TTL had run out
/// (only backends that can tell, such as memory, report ``expired``).
public enum CacheLookup: Sendable, Hashable {
    /// The stored bytes.
    case hit([UInt8])
    /// No value.
    case absent
    /// A value was there but had expired.
    case expired
}

/// A backend that can tell an expired value from an absent one.
public protocol ExpiryReportingCacheBackend: CacheBackend {
    /// What is under each of `keys`, in order.
    func lookup(_ keys: [String]) async throws(CacheBackendError) -> [CacheLookup]
}

extension MemoryCacheBackend: ExpiryReportingCacheBackend {
    public func lookup(_ keys: [String]) async -> [CacheLookup] {
        keys.map(lookupNow)
    }
}
