import Lookout

/// The live metric families of ``CacheMetrics``, registered in one `Registry`; give it to
/// a ``CandleCache`` (several caches may share it). Thread-safe.
public final class CandleCacheMetrics: Sendable {
    let hits: CounterFamily
    let misses: CounterFamily
    let upstreamRequestsSaved: Counter
    let upstreamRequests: Counter
    let singleFlightWaiters: Gauge
    let rawBytes: Counter
    let storedBytes: CounterFamily
    let memoryEntries: Gauge
    let memoryBytes: Gauge
    let evictions: Counter
    let operationDuration: HistogramFamily
    let backendErrors: CounterFamily
    let degraded: Gauge

    /// Registers every cache family in `registry` (or reuses identical ones already there).
    /// - Throws: `MetricError` if a family of the same name with another definition exists.
    public init(registry: Registry) throws(MetricError) {
        hits = try CacheMetrics.hits.register(in: registry)
        misses = try CacheMetrics.misses.register(in: registry)
        upstreamRequestsSaved = try CacheMetrics.upstreamRequestsSaved.registerSeries(in: registry)
        upstreamRequests = try CacheMetrics.upstreamRequests.registerSeries(in: registry)
        singleFlightWaiters = try CacheMetrics.singleFlightWaiters.registerSeries(in: registry)
        rawBytes = try CacheMetrics.rawBytes.registerSeries(in: registry)
        storedBytes = try CacheMetrics.storedBytes.register(in: registry)
        memoryEntries = try CacheMetrics.memoryEntries.registerSeries(in: registry)
        memoryBytes = try CacheMetrics.memoryBytes.registerSeries(in: registry)
        evictions = try CacheMetrics.evictions.registerSeries(in: registry)
        operationDuration = try CacheMetrics.operationDuration.register(in: registry)
        backendErrors = try CacheMetrics.backendErrors.register(in: registry)
        degraded = try CacheMetrics.degraded.registerSeries(in: registry)
    }
}
