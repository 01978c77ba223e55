import Lookout
import LookoutRateLimit

/// The live metric families of ``BybitMetrics``, registered in one `Registry`.
///
/// Create it once per registry and give it to every client whose calls should be counted
/// there (``BybitClient/Configuration/metrics``); clients sharing it add to the same
/// series (and their ``BybitClient/stats``, which are read from these series). Without one,
/// a client records into a private registry of its own. The adaptive upstream budget's
/// gauges (`UpstreamBudgetMetrics`) are registered here too.
///
/// ```swift
/// let registry = Registry()
/// var configuration = BybitClient.Configuration()
/// configuration.metrics = try BybitClientMetrics(registry: registry)
/// let bybit = try BybitClient(configuration: configuration)
/// ```
///
/// Thread-safe: recording only touches the families' atomic series.
public final class BybitClientMetrics: Sendable {
    let requests: CounterFamily
    let inFlight: Gauge
    let candles: CounterFamily
    let requestFailures: CounterFamily
    let errors: CounterFamily
    let retries: CounterFamily
    let rateLimitHits: CounterFamily
    let bans: Counter
    let banRejections: CounterFamily
    let banEndTime: Gauge
    let limiterWait: Histogram
    let duration: HistogramFamily
    let parseDuration: HistogramFamily
    let rangePages: Histogram
    let rangeDuration: Histogram
    let batchDuration: HistogramFamily
    let batchSymbols: CounterFamily
    let budget: UpstreamBudgetMetrics.Live

    /// Registers every Bybit family in `registry` (or reuses the identical ones already
    /// there), so all of them are exposed from the first scrape.
    ///
    /// - Throws: `MetricError` if a family of the same name with a different definition is
    ///   already registered.
    public init(registry: Registry) throws(MetricError) {
        requests = try BybitMetrics.requests.register(in: registry)
        inFlight = try BybitMetrics.inFlight.registerSeries(in: registry)
        candles = try BybitMetrics.candles.register(in: registry)
        requestFailures = try BybitMetrics.requestFailures.register(in: registry)
        errors = try BybitMetrics.errors.register(in: registry)
        retries = try BybitMetrics.retries.register(in: registry)
        rateLimitHits = try BybitMetrics.rateLimitHits.register(in: registry)
        bans = try BybitMetrics.bans.registerSeries(in: registry)
        banRejections = try BybitMetrics.banRejections.register(in: registry)
        banEndTime = try BybitMetrics.banEndTime.registerSeries(in: registry)
        limiterWait = try BybitMetrics.limiterWait.registerSeries(in: registry)
        duration = try BybitMetrics.duration.register(in: registry)
        parseDuration = try BybitMetrics.parseDuration.register(in: registry)
        rangePages = try BybitMetrics.rangePages.registerSeries(in: registry)
        rangeDuration = try BybitMetrics.rangeDuration.registerSeries(in: registry)
        batchDuration = try BybitMetrics.batchDuration.register(in: registry)
        batchSymbols = try BybitMetrics.batchSymbols.register(in: registry)
        budget = try UpstreamBudgetMetrics.Live(registry: registry)
    }
}
