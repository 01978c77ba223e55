import Lookout
import LookoutCatalog

/// Records a ``RateLimiter``'s decisions and its backend's health into the families
/// declared by ``RateLimitMetrics``, which it registers through a `CatalogMetrics` (every
/// family, so all are exposed from the first scrape): a new metric is its declaration and
/// its use here.
///
/// Create one per registry and pass it to the limiter (as its observer) and to the Redis
/// backend. Series for each policy are created up front, so they are exposed from the
/// first scrape. A limiter resolves the series it records into once
/// (``decisionRecorder(policies:backend:)``): a decision then touches two atomic series and
/// looks nothing up. Thread-safe: recording only touches atomic series; per-policy series
/// are looked up in an immutable dictionary.
public final class RateLimitMetricsObserver: RateLimitObserver {
    /// Every ``RateLimitMetrics`` declaration, live.
    private let metrics: CatalogMetrics<RateLimitMetrics>
    /// `rate_limit_decisions_total` by policy name: the allowed and the denied series.
    private let decisionSeries: [String: (allowed: Counter, denied: Counter)]
    /// The families recorded into with labels known only at the call, resolved once.
    private let decisions: CounterFamily, duration: HistogramFamily, backendErrors: CounterFamily
    /// `rate_limit_pressure_signals_total`, one series per source.
    private let pressure: [AdaptiveController.PressureSource: Counter]
    private let effective: GaugeFamily, configured: GaugeFamily
    /// 1 while the fallback is in use.
    public let fallbackActive: Gauge
    /// Distinct keys in memory.
    public let keys: Gauge

    /// Registers every family in `registry` with series for `policies`.
    ///
    /// - Throws: `MetricError` if a family of the same name with another definition exists.
    public init(registry: Registry, policies: [String]) throws(MetricError) {
        metrics = try CatalogMetrics(registry: registry)
        decisions = metrics.decisions
        var series: [String: (allowed: Counter, denied: Counter)] = [:]
        for policy in policies { series[policy] = Self.decisionPair(decisions, policy) }
        decisionSeries = series
        duration = metrics.decisionDuration
        backendErrors = metrics.backendErrors
        // Every source is exposed at 0 from the start: "no pressure" is data, not a gap.
        let pressureFamily: CounterFamily = metrics.pressureSignals
        pressure = Dictionary(uniqueKeysWithValues: AdaptiveController.PressureSource.allCases.map { ($0, pressureFamily.labels($0.rawValue)) })
        fallbackActive = metrics.fallbackActive
        keys = metrics.keys
        effective = metrics.effectiveLimit
        configured = metrics.configuredLimit
    }

    /// Counts the decision by policy and result and observes its duration by backend.
    public func decided(policy: String, backend: String, allowed isAllowed: Bool, durationSeconds: Double) {
        if let series = decisionSeries[policy] {
            (isAllowed ? series.allowed : series.denied).inc()
        } else {
            decisions.labels(policy, isAllowed ? "allowed" : "denied").inc()
        }
        duration.labels(backend).observe(durationSeconds)
    }

    /// The series for `policies` (by index) deciding on `backend`, resolved now.
    public func decisionRecorder(policies: [String], backend: String) -> RateLimitDecisionRecorder? {
        var counters: [Counter] = []
        counters.reserveCapacity(policies.count * 2)
        for policy in policies {
            let series = decisionSeries[policy] ?? Self.decisionPair(decisions, policy)
            counters.append(series.allowed)
            counters.append(series.denied)
        }
        return RateLimitDecisionRecorder(counters: counters, duration: duration.labels(backend))
    }

    /// The allowed and denied `rate_limit_decisions_total` series of `policy`.
    private static func decisionPair(_ decisions: CounterFamily, _ policy: String) -> (allowed: Counter, denied: Counter) {
        (decisions.labels(policy, "allowed"), decisions.labels(policy, "denied"))
    }

    /// Counts a backend failure by backend and kind.
    public func backendFailed(backend: String, error: any Error) {
        let kind = (error as? RateLimitBackendError)?.kind.rawValue ?? "other"
        backendErrors.labels(backend, kind).inc()
    }

    /// Counts a pressure signal from `source`.
    public func pressureSignal(_ source: AdaptiveController.PressureSource) {
        pressure[source]?.inc()
    }

    /// Sets the effective and configured limit gauges of `limiter`'s policies.
    public func updateLimits(of limiter: RateLimiter) {
        for entry in limiter.effectiveLimits() {
            effective.labels(entry.policy).set(entry.effective)
            configured.labels(entry.policy).set(entry.configured)
        }
    }
}
