import LookoutCatalog

/// The live metric families of ``BybitMetrics``, registered in one `Registry`: the
/// catalog's `CatalogMetrics`, so each metric is its declaration, its catalog entry and
/// its use (`metrics.requests.labels(...)`, `metrics.bans.inc()`), nothing else.
///
/// Create it once per registry and give it to every client whose calls should be counted
/// there (``BybitClient/Configuration/metrics``); clients sharing it add to the same
/// series. Without one, a client still keeps its in-memory ``BybitClientStats``.
///
/// ```swift
/// let registry = Registry()
/// var configuration = BybitClient.Configuration()
/// configuration.metrics = try BybitClientMetrics(registry: registry)
/// let bybit = try BybitClient(configuration: configuration)
/// ```
///
/// `init(registry:)` registers every Bybit family in `registry` (or reuses the identical
/// ones already there), so all of them are exposed from the first scrape; it throws
/// `MetricError` if a family of the same name with a different definition is already
/// registered. Thread-safe: recording only touches the families' atomic series.
public typealias BybitClientMetrics = CatalogMetrics<BybitMetrics>
