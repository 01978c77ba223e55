import Lookout
import LookoutCatalog

/// Every metric the candle cache exports, declared once: these declarations create the
/// live families (``CandleCacheMetrics``) and generate `dashboards/bybit_cache_efficiency.json`,
/// `alerts/candle_cache.rules.yml` and its promtool tests.
///
/// Labels are bounded: `backend` (`memory`, `redis`), `reason` (`absent`, `expired`,
/// `partial`, `bypass`, `corrupt`, `unavailable`), `operation` (`get`, `set`, `delete`) and
/// `code` (``CacheBackendError/Code``).
public struct CacheMetrics: CatalogDeclarations {
    /// Makes the declarations; read them as statics (`CacheMetrics.<member>`).
    public init() {}

    // MARK: Efficiency

    /// Chunks served from the cache.
    public let hits = CounterDeclaration(
        "candle_cache_hits", help: "Candle chunks served from the cache, by backend.",
        labelNames: ["backend"],
        chart: .timeseries(row: "Efficiency", title: "Chunk hits / s", unit: .operationsPerSecond, legend: "{{backend}}"))

    /// Chunks that had to come from upstream, by why.
    public let misses = CounterDeclaration(
        "candle_cache_misses", help: "Candle chunks not served from the cache, by backend and reason (absent, expired, partial, bypass, corrupt, unavailable).",
        labelNames: ["backend", "reason"],
        chart: .timeseries(row: "Efficiency", title: "Chunk misses / s", unit: .operationsPerSecond, legend: "{{reason}}", by: ["reason"]))

    /// Upstream requests the cache (hits and shared in-flight fetches) made unnecessary.
    public let upstreamRequestsSaved = CounterDeclaration(
        "candle_cache_upstream_requests_saved", help: "Requests to Bybit the cache avoided: chunk hits plus callers that shared another caller's fetch.",
        chart: .timeseries(row: "Efficiency", title: "Upstream requests saved / s", unit: .requestsPerSecond, legend: "{{instance}}", by: ["instance"]))

    /// Upstream requests made for misses.
    public let upstreamRequests = CounterDeclaration(
        "candle_cache_upstream_requests", help: "Requests to Bybit made to fill cache misses and bypasses.",
        chart: .timeseries(row: "Efficiency", title: "Upstream requests / s", unit: .requestsPerSecond, legend: "{{instance}}", by: ["instance"]))

    /// Callers waiting on another caller's fetch of the same chunk.
    public let singleFlightWaiters = GaugeDeclaration(
        "candle_cache_single_flight_waiters", help: "Callers currently waiting for another caller's upstream fetch of the same chunk.",
        chart: .timeseries(row: "Efficiency", title: "Single-flight waiters", legend: "{{instance}}", by: ["instance"]))

    // MARK: Storage

    /// Bytes of the candles written, as Bybit's JSON rows.
    public let rawBytes = CounterDeclaration(
        "candle_cache_raw_bytes", help: "Size of the candles written to the cache as Bybit JSON rows (what compression is measured against).",
        unit: .bytes,
        chart: .timeseries(row: "Storage", title: "Raw bytes written / s", unit: .bytesPerSecond, legend: "{{instance}}", by: ["instance"]))

    /// Bytes actually written.
    public let storedBytes = CounterDeclaration(
        "candle_cache_stored_bytes", help: "Bytes written to the cache backend for those candles (encoded and compressed chunks).",
        unit: .bytes, labelNames: ["backend"],
        chart: .timeseries(row: "Storage", title: "Stored bytes written / s", unit: .bytesPerSecond, legend: "{{backend}}"))

    /// Entries in the memory backend.
    public let memoryEntries = GaugeDeclaration(
        "candle_cache_memory_entries", help: "Entries held by the in-memory cache backend.",
        chart: .timeseries(row: "Storage", title: "Memory entries", legend: "{{instance}}", by: ["instance"]))

    /// Bytes held by the memory backend.
    public let memoryBytes = GaugeDeclaration(
        "candle_cache_memory_bytes", help: "Bytes held by the in-memory cache backend (keys, values and bookkeeping).",
        unit: .bytes,
        chart: .timeseries(row: "Storage", title: "Memory bytes", unit: .bytes, legend: "{{instance}}", by: ["instance"]))

    /// Entries evicted from the memory backend to stay within its budget.
    public let evictions = CounterDeclaration(
        "candle_cache_evictions", help: "Entries the in-memory cache backend evicted (least recently used) to stay within its byte budget.",
        chart: .timeseries(row: "Storage", title: "Evictions / s", unit: .operationsPerSecond, legend: "{{instance}}", by: ["instance"]))

    // MARK: Backend

    /// Backend operation latency.
    public let operationDuration = HistogramDeclaration(
        "candle_cache_operation_duration_seconds", help: "Time one cache backend operation took, by backend and operation (get, set, delete).",
        unit: .seconds, labelNames: ["backend", "operation"],
        buckets: [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
        chart: Chart(row: "Backend", title: "Operation duration"))

    /// Failed backend operations.
    public let backendErrors = CounterDeclaration(
        "candle_cache_backend_errors", help: "Cache backend operations that failed (served from upstream instead), by backend and error code.",
        labelNames: ["backend", "code"],
        chart: .timeseries(row: "Backend", title: "Backend errors / s", unit: .operationsPerSecond, legend: "{{backend}} {{code}}"))

    /// 1 while the backend is failing.
    public let degraded = GaugeDeclaration(
        "candle_cache_degraded", help: "1 while the cache backend is failing and candles are served from upstream (and memory), else 0.",
        chart: .stat(row: "Backend", title: "Degraded", legend: "{{instance}}", by: ["instance"], thresholds: Thresholds(base: "green", [.init(1, "red")])))

    /// The module's dashboard (the seed system's second dashboard).
    public static let dashboard = DashboardDeclaration("bybit_cache_efficiency", title: "Bybit candle cache", tags: ["bybit", "cache"])

    /// The cache catalog: `dashboards/bybit_cache_efficiency.json`, `alerts/candle_cache.rules.yml`,
    /// `alerts/tests/candle_cache-test.yaml` and `alerts/runbooks/candle_cache.md`.
    public static let catalog = MetricCatalog(
        "candle_cache", title: "Bybit candle cache",
        dashboards: [dashboard],
        declarations: CacheMetrics.self,
        ratios: [hitRatio, compressionRatio],
        alerts: [hitRatioLow, degradedAlert, latencyHigh])
}
