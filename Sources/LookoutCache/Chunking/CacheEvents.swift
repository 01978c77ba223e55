import Synchronization

/// Records what a ``CandleCache`` does: in-memory stats always, Prometheus metrics when
/// configured, and the degraded state. Thread-safe.
final class CacheEvents: Sendable {
    let counters = CandleCacheCounters()
    let metrics: CandleCacheMetrics?
    let backendName: String
    private let lastFailure = Mutex<String?>(nil)
    private let degradedFlag = Atomic<Bool>(false)
    private let evictionsSeen = Mutex<Int>(0)

    init(metrics: CandleCacheMetrics?, backendName: String) {
        self.metrics = metrics
        self.backendName = backendName
        metrics?.catalog.degraded.set(0)
    }

    var health: CacheHealth {
        guard degradedFlag.load(ordering: .acquiring) else { return .ok }
        return .degraded(lastFailure.withLock { $0 } ?? "backend failing")
    }

    func hits(_ count: Int) {
        guard count > 0 else { return }
        counters.chunkHits.add(count, ordering: .relaxed)
        metrics?.hits.labels(backendName).inc(by: count)
    }

    func miss(_ reason: CacheMissReason) {
        counters.chunkMisses.add(1, ordering: .relaxed)
        metrics?.misses.labels(backendName, reason.rawValue).inc()
    }

    func served(fromCache: Int, fromUpstream: Int) {
        counters.candlesFromCache.add(fromCache, ordering: .relaxed)
        counters.candlesFromUpstream.add(fromUpstream, ordering: .relaxed)
    }

    func upstream(requests: Int) {
        counters.upstreamRequests.add(requests, ordering: .relaxed)
        metrics?.upstreamRequests.inc(by: requests)
    }

    func saved(requests: Int) {
        guard requests > 0 else { return }
        metrics?.upstreamRequestsSaved.inc(by: requests)
    }

    func stored(rawBytes: Int, storedBytes: Int) {
        metrics?.rawBytes.inc(by: rawBytes)
        metrics?.storedBytes.labels(backendName).inc(by: storedBytes)
    }

    func waiters(_ count: Int) {
        metrics?.singleFlightWaiters.set(count)
    }

    func operation(_ name: String, duration: Duration) {
        metrics?.operationDuration.labels(backendName, name).observe(duration)
    }

    func backendSucceeded() {
        if degradedFlag.exchange(false, ordering: .acquiringAndReleasing) { metrics?.catalog.degraded.set(0) }
    }

    func backendFailed(_ error: CacheBackendError) {
        counters.backendErrors.add(1, ordering: .relaxed)
        metrics?.catalog.backendErrors.labels(backendName, error.code.description).inc()
        lastFailure.withLock { $0 = error.description }
        if !degradedFlag.exchange(true, ordering: .acquiringAndReleasing) { metrics?.catalog.degraded.set(1) }
    }

    func memory(_ statistics: MemoryCacheBackend.Statistics) {
        guard let metrics else { return }
        metrics.memoryEntries.set(statistics.entries)
        metrics.memoryBytes.set(statistics.bytes)
        let delta = evictionsSeen.withLock { seen in
            defer { seen = max(seen, statistics.evictions) }
            return statistics.evictions - seen
        }
        if delta > 0 { metrics.evictions.inc(by: delta) }
    }
}
