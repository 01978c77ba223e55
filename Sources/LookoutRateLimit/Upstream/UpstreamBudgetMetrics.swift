import Lookout
import LookoutCatalog

/// The metrics of the adaptive upstream budget (``UpstreamGuard``), declared once: these
/// declarations create the live series (``UpstreamBudgetMetrics/Live``) and generate
/// `dashboards/upstream_budget.json`. No metric name is written anywhere else.
///
/// The budget has no labels: one process keeps one guard per IP, and its effective budget
/// is what a dashboard compares with the ceiling.
public struct UpstreamBudgetMetrics: CatalogDeclarations {
    /// Makes the declarations; read them as statics (`UpstreamBudgetMetrics.<member>`).
    public init() {}

    /// Requests per window the adaptive budget allows right now.
    public let effectiveLimit = GaugeDeclaration(
        "upstream_budget_effective_requests",
        help: "Requests per window the adaptive upstream budget allows now (lowered by throttling answers, recovering additively).",
        chart: .timeseries(row: "Upstream budget", title: "Effective budget (requests per window)", unit: .short,
                           legend: "{{instance}}", by: ["instance"]))

    /// The configured ceiling of the budget.
    public let ceiling = GaugeDeclaration(
        "upstream_budget_ceiling_requests",
        help: "The configured ceiling of the adaptive upstream budget, in requests per window.",
        chart: .timeseries(row: "Upstream budget", title: "Budget ceiling (requests per window)", unit: .short,
                           legend: "{{instance}}", by: ["instance"]))

    /// Multiplicative decreases of the budget.
    public let decreases = CounterDeclaration(
        "upstream_budget_decreases",
        help: "Times a throttling answer (Bybit retCode 10006) made the adaptive upstream budget shrink.",
        chart: .timeseries(row: "Upstream budget", title: "Budget decreases / s", unit: .operationsPerSecond,
                           legend: "{{instance}}", by: ["instance"]))

    /// The catalog: `dashboards/upstream_budget.json`.
    public static let catalog = MetricCatalog(
        "upstream_budget", title: "Upstream request budget",
        declarations: UpstreamBudgetMetrics.self)

    /// The live series, registered in one `Registry` by ``init(registry:)`` (or reused when
    /// identical ones are there): `live.effectiveLimit.set(12)`, `live.decreases.inc()`.
    /// Each member is read from its declaration, so a new metric is its declaration and its
    /// use. A lookup costs a dictionary access by name, negligible beside the upstream
    /// request it follows. Thread-safe: immutable; the series are atomic.
    public typealias Live = CatalogMetrics<UpstreamBudgetMetrics>
}
