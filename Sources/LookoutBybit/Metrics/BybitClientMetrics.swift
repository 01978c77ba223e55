import Lookout
import LookoutCatalog
import LookoutRateLimit

/// The live metric families of ``BybitMetrics``, registered in one `Registry`: the
/// catalog's `CatalogMetrics`, so each metric is its declaration, its catalog entry and
/// its use (`metrics.requests.labels(...)`, `metrics.bans.inc()`), nothing else.
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
/// Thread-safe: immutable; recording only touches the families' atomic series.
@dynamicMemberLookup
public struct BybitClientMetrics: Sendable {
    /// Every ``BybitMetrics`` declaration, live.
    public let catalog: CatalogMetrics<BybitMetrics>
    /// The adaptive upstream budget's gauges and counter.
    let budget: UpstreamBudgetMetrics.Live

    /// Registers every Bybit family and the upstream budget's in `registry` (or reuses the
    /// identical ones already there), so all of them are exposed from the first scrape.
    ///
    /// - Throws: `MetricError` if a family of the same name with a different definition is
    ///   already registered.
    public init(registry: Registry) throws(MetricError) {
        catalog = try CatalogMetrics<BybitMetrics>(registry: registry)
        budget = try UpstreamBudgetMetrics.Live(registry: registry)
        // Each market endpoint's row counter starts at 0, so a process that only fetches
        // klines shows "0 rows / s" on the market-data panel instead of "no data".
        let rows: CounterFamily = catalog.family(BybitMetrics.marketRows)
        for endpoint in BybitEndpoint.marketRowEndpoints { _ = rows.labels(endpoint.label) }
    }

    /// The live family of a labelled counter declaration (`metrics.requests`).
    public subscript(dynamicMember path: KeyPath<BybitMetrics, CounterDeclaration>) -> CounterFamily {
        catalog[dynamicMember: path]
    }

    /// The single series of an unlabelled counter declaration (`metrics.bans`).
    public subscript(dynamicMember path: KeyPath<BybitMetrics, CounterDeclaration>) -> Counter {
        catalog[dynamicMember: path]
    }

    /// The live family of a labelled gauge declaration.
    public subscript(dynamicMember path: KeyPath<BybitMetrics, GaugeDeclaration>) -> GaugeFamily {
        catalog[dynamicMember: path]
    }

    /// The single series of an unlabelled gauge declaration (`metrics.inFlight`).
    public subscript(dynamicMember path: KeyPath<BybitMetrics, GaugeDeclaration>) -> Gauge {
        catalog[dynamicMember: path]
    }

    /// The live family of a labelled histogram declaration (`metrics.duration`).
    public subscript(dynamicMember path: KeyPath<BybitMetrics, HistogramDeclaration>) -> HistogramFamily {
        catalog[dynamicMember: path]
    }

    /// The single series of an unlabelled histogram declaration (`metrics.rangePages`).
    public subscript(dynamicMember path: KeyPath<BybitMetrics, HistogramDeclaration>) -> Histogram {
        catalog[dynamicMember: path]
    }
}
