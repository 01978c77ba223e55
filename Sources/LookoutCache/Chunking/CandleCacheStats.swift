import Synchronization

/// Cumulative counts of a ``CandleCache`` since it was created.
public struct CandleCacheStats: Sendable, Hashable {
    /// Candles served from cached chunks.
    public var candlesFromCache = 0
    /// Candles that came from upstream (including those then cached).
    public var candlesFromUpstream = 0
    /// Requests sent upstream on behalf of cache misses and bypasses.
    public var upstreamRequests = 0
    /// Chunks found in the backend and decoded.
    public var chunkHits = 0
    /// Chunks that had to be fetched (or were bypassed).
    public var chunkMisses = 0
    /// Backend operations that failed (each one was served from upstream instead).
    public var backendErrors = 0

    /// Zero counts.
    public init() {}
}

/// The live counters behind ``CandleCacheStats``.
final class CandleCacheCounters: Sendable {
    let candlesFromCache = Atomic<Int>(0)
    let candlesFromUpstream = Atomic<Int>(0)
    let upstreamRequests = Atomic<Int>(0)
    let chunkHits = Atomic<Int>(0)
    let chunkMisses = Atomic<Int>(0)
    let backendErrors = Atomic<Int>(0)

    var snapshot: CandleCacheStats {
        var stats = CandleCacheStats()
        stats.candlesFromCache = candlesFromCache.load(ordering: .relaxed)
        stats.candlesFromUpstream = candlesFromUpstream.load(ordering: .relaxed)
        stats.upstreamRequests = upstreamRequests.load(ordering: .relaxed)
        stats.chunkHits = chunkHits.load(ordering: .relaxed)
        stats.chunkMisses = chunkMisses.load(ordering: .relaxed)
        stats.backendErrors = backendErrors.load(ordering: .relaxed)
        return stats
    }
}
