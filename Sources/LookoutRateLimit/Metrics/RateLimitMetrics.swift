import Lookout
import LookoutCatalog

/// Every metric of the rate limiter, declared once: these declarations create the live
/// families (``RateLimitMetricsObserver``) and generate `dashboards/rate_limiting.json`,
/// `alerts/rate_limiting.rules.yml` and its promtool tests.
///
/// Labels are bounded: `policy` is a configured policy name, `result` is `allowed` or
/// `denied`, `backend` a backend name (`memory`, `redis`, `fallback`), `kind` a
/// ``RateLimitBackendError/Kind``, `source` an ``AdaptiveController/PressureSource``.
/// The limited key (a client address, an API key) is never a label: distinct keys are
/// only counted.
public struct RateLimitMetrics: CatalogDeclarations {
    /// Makes the declarations; read them as statics (`RateLimitMetrics.<member>`).
    public init() {}

    // MARK: Decisions

    /// Decisions by policy and result.
    public let decisions = CounterDeclaration(
        "rate_limit_decisions", help: "Rate-limit decisions, by policy and result (allowed or denied).",
        labelNames: ["policy", "result"],
        chart: .timeseries(row: "Decisions", title: "Decisions / s", unit: .operationsPerSecond, legend: "{{policy}} {{result}}"))

    /// Share of decisions that denied the request.
    public static let rejections = RatioDeclaration(
        "rate_limit_rejections", help: "Share of a rate-limit policy's decisions that denied the request (answered 429).",
        numerator: decisions.matching("result", .equal("denied")), denominator: decisions, by: ["job", "policy"],
        chart: .stat(row: "Decisions", title: "Denied ratio", thresholds: .above(warning: 0.1, critical: 0.5)))

    /// Time to decide, by backend.
    public let decisionDuration = HistogramDeclaration(
        "rate_limit_decision_duration_seconds", help: "Time one policy's decision took, by backend.",
        unit: .seconds, labelNames: ["backend"],
        buckets: [0.000_001, 0.000_005, 0.000_025, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25],
        chart: Chart(row: "Decisions", title: "Decision duration", by: ["backend"]))

    // MARK: Backend

    /// Backend failures, by backend and kind.
    public let backendErrors = CounterDeclaration(
        "rate_limit_backend_errors", help: "Rate-limit backend failures, by backend and kind; each decision fell back or failed open.",
        labelNames: ["backend", "kind"],
        chart: .timeseries(row: "Backend", title: "Backend errors / s", unit: .operationsPerSecond, legend: "{{backend}} {{kind}}"))

    /// 1 while decisions are made in local memory because the shared backend failed.
    public let fallbackActive = GaugeDeclaration(
        "rate_limit_fallback_active", help: "1 while rate-limit decisions fall back to local memory because the shared backend (Redis) failed.",
        chart: .timeseries(row: "Backend", title: "Fallback active", legend: "{{instance}}", by: ["instance"]))

    /// Distinct keys held in memory.
    public let keys = GaugeDeclaration(
        "rate_limit_keys", help: "Distinct keys (clients, routes, API keys) whose state the in-memory backend holds.",
        chart: .timeseries(row: "Backend", title: "Keys held in memory", legend: "{{instance}}", by: ["instance"]))

    // MARK: Adaptive

    /// The limit in force per policy (lowered under pressure for adaptive policies).
    public let effectiveLimit = GaugeDeclaration(
        "rate_limit_effective_limit", help: "The limit in force, per policy (adaptive policies lower it under pressure).",
        labelNames: ["policy"],
        chart: .timeseries(row: "Adaptive", title: "Effective limit", legend: "{{instance}} {{policy}}", by: ["instance", "policy"]))

    /// The configured limit per policy.
    public let configuredLimit = GaugeDeclaration(
        "rate_limit_configured_limit", help: "The configured limit, per policy.", labelNames: ["policy"], chart: .hidden)

    /// Effective over configured limit.
    public static let adaptiveShare = RatioDeclaration(
        "rate_limit_adaptive_share", help: "The effective limit as a share of the configured one, per policy.",
        numerator: effectiveLimit, denominator: configuredLimit, by: ["job", "instance", "policy"],
        chart: .timeseries(row: "Adaptive", title: "Effective share of the limit", unit: .percentUnit, legend: "{{instance}} {{policy}}",
                           by: ["instance", "policy"], thresholds: .below(warning: 0.5, critical: 0.25)))

    /// Pressure signals received, by source.
    public let pressureSignals = CounterDeclaration(
        "rate_limit_pressure_signals", help: "Pressure signals the adaptive limiter received, by source.",
        labelNames: ["source"],
        chart: .timeseries(row: "Adaptive", title: "Pressure signals / s", unit: .operationsPerSecond, legend: "{{source}}"))

    /// The rate limiter's catalog: `dashboards/rate_limiting.json`, `alerts/rate_limiting.rules.yml`.
    public static let catalog = MetricCatalog(
        "rate_limiting", title: "Rate limiting",
        declarations: RateLimitMetrics.self,
        ratios: [rejections, adaptiveShare],
        alerts: [rejectionsHigh, fallbackActiveAlert, adaptiveCollapsed])
}
