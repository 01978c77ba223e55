import Lookout
import LookoutCatalog

/// The live metrics of ``CacheMetrics``, registered in one `Registry`: the catalog's
/// `CatalogMetrics`, so a metric is its declaration and its use, nothing else. Give it to
/// a ``CandleCache`` (several caches may share it).
///
/// The families every chunk lookup, fetch and write records into are resolved once here;
/// the others are looked up by member name in ``catalog`` (`metrics.catalog.degraded`)
/// when the backend fails or recovers.
///
/// Thread-safe: immutable; recording only touches the families' atomic series.
public final class CandleCacheMetrics: Sendable {
    /// Every ``CacheMetrics`` declaration, live.
    public let catalog: CatalogMetrics<CacheMetrics>
    /// The labelled families of every lookup and write, resolved once.
    let hits: CounterFamily, misses: CounterFamily, storedBytes: CounterFamily, operationDuration: HistogramFamily
    /// The unlabelled series of every lookup, fetch and write, resolved once.
    let upstreamRequestsSaved: Counter, upstreamRequests: Counter, rawBytes: Counter, evictions: Counter
    /// The gauges every lookup sets, resolved once.
    let singleFlightWaiters: Gauge, memoryEntries: Gauge, memoryBytes: Gauge

    /// Registers every cache family in `registry` (or reuses identical ones already there).
    /// - Throws: `MetricError` if a family of the same name with another definition exists.
    public init(registry: Registry) throws(MetricError) {
        catalog = try CatalogMetrics(registry: registry)
        hits = catalog.hits
        misses = catalog.misses
        storedBytes = catalog.storedBytes
        operationDuration = catalog.operationDuration
        upstreamRequestsSaved = catalog.upstreamRequestsSaved
        upstreamRequests = catalog.upstreamRequests
        rawBytes = catalog.rawBytes
        evictions = catalog.evictions
        singleFlightWaiters = catalog.singleFlightWaiters
        memoryEntries = catalog.memoryEntries
        memoryBytes = catalog.memoryBytes
    }
}
