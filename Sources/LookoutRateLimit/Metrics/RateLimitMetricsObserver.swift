import Lookout

/// Records a ``RateLimiter``'s decisions and its backend's health into the families
/// declared by ``RateLimitMetrics``.
///
/// Create one per registry and pass it to the limiter (as its observer) and to the Redis
/// backend. Series for each policy are created up front, so they are exposed from the
/// first scrape. Thread-safe: recording only touches atomic series; per-policy series are
/// looked up in an immutable dictionary.
public final class RateLimitMetricsObserver: RateLimitObserver {
    private let allowed: [String: Counter]
    private let denied: [String: Counter]
    private let decisions: CounterFamily
    private let duration: HistogramFamily
    private let backendErrors: CounterFamily
    private let pressure: CounterFamily
    /// 1 while the fallback is in use.
    public let fallbackActive: Gauge
    /// Distinct keys in memory.
    public let keys: Gauge
    private let effective: GaugeFamily
    private let configured: GaugeFamily

    /// Registers every family in `registry` with series for `policies`.
    ///
    /// - Throws: `MetricError` if a family of the same name with another definition exists.
    public init(registry: Registry, policies: [String]) throws(MetricError) {
        decisions = try RateLimitMetrics.decisions.register(in: registry)
        var allowed: [String: Counter] = [:], denied: [String: Counter] = [:]
        for policy in policies {
            allowed[policy] = decisions.labels(policy, "allowed")
            denied[policy] = decisions.labels(policy, "denied")
        }
        self.allowed = allowed
        self.denied = denied
        duration = try RateLimitMetrics.decisionDuration.register(in: registry)
        backendErrors = try RateLimitMetrics.backendErrors.register(in: registry)
        pressure = try RateLimitMetrics.pressureSignals.register(in: registry)
        // Every source is exposed at 0 from the start: "no pressure" is data, not a gap.
        for source in AdaptiveController.PressureSource.allCases { _ = pressure.labels(source.rawValue) }
        fallbackActive = try RateLimitMetrics.fallbackActive.registerSeries(in: registry)
        keys = try RateLimitMetrics.keys.registerSeries(in: registry)
        effective = try RateLimitMetrics.effectiveLimit.register(in: registry)
        configured = try RateLimitMetrics.configuredLimit.register(in: registry)
    }

    /// Counts the decision by policy and result and observes its duration by backend.
    public func decided(policy: String, backend: String, allowed isAllowed: Bool, durationSeconds: Double) {
        if let counter = isAllowed ? allowed[policy] : denied[policy] {
            counter.inc()
        } else {
            decisions.labels(policy, isAllowed ? "allowed" : "denied").inc()
        }
        duration.labels(backend).observe(durationSeconds)
    }

    /// Counts a backend failure by backend and kind.
    public func backendFailed(backend: String, error: any Error) {
        let kind = (error as? RateLimitBackendError)?.kind.rawValue ?? "other"
        backendErrors.labels(backend, kind).inc()
    }

    /// Counts a pressure signal from `source`.
    public func pressureSignal(_ source: AdaptiveController.PressureSource) {
        pressure.labels(source.rawValue).inc()
    }

    /// Sets the effective and configured limit gauges of `limiter`'s policies.
    public func updateLimits(of limiter: RateLimiter) {
        for entry in limiter.effectiveLimits() {
            effective.labels(entry.policy).set(entry.effective)
            configured.labels(entry.policy).set(entry.configured)
        }
    }
}
