import Lookout

/// A toy checkout that records its work through the live metrics created from
/// ``CheckoutMetrics``' declarations.
///
/// Thread-safe: the metrics are atomic and the service holds nothing else.
public final class CheckoutService: Sendable {
    /// How a checkout ended.
    public enum Outcome: String, Sendable {
        /// The order was placed.
        case completed
        /// Payment or stock failed.
        case failed
    }

    private let orders: CounterFamily
    private let duration: HistogramFamily
    private let inFlight: Gauge

    /// Registers the checkout metrics in `registry`.
    ///
    /// - Throws: `MetricError` if a declaration conflicts with a metric already registered.
    public init(registry: Registry) throws(MetricError) {
        orders = try CheckoutMetrics.orders.register(in: registry)
        duration = try CheckoutMetrics.duration.register(in: registry)
        inFlight = try CheckoutMetrics.inFlight.registerSeries(in: registry)
    }

    /// Runs `body` as one checkout paid with `method`, recording its duration and outcome.
    public func checkout(method: String, _ body: () -> Outcome) -> Outcome {
        inFlight.inc()
        defer { inFlight.dec() }
        let start = ContinuousClock.now
        let outcome = body()
        duration.labels(method).observe(ContinuousClock.now - start)
        orders.labels(method, outcome.rawValue).inc()
        return outcome
    }
}
