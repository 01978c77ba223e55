import Lookout
import LookoutCatalog

/// Every metric of the checkout module, declared once: these declarations create the live
/// metrics (``CheckoutService``) and generate the dashboard, recording rules, SLO alerts and
/// rule tests (`checkout-catalog`, run by the plugins). No metric name appears anywhere else.
public struct CheckoutMetrics: CatalogDeclarations {
    /// Makes the declarations; read them as statics (`CheckoutMetrics.<member>`).
    public init() {}

    /// Checkout attempts by payment method and outcome (`completed` or `failed`).
    public let orders = CounterDeclaration(
        "checkout_orders", help: "Checkout attempts, by payment method and outcome.", labelNames: ["method", "outcome"],
        chart: .timeseries(row: "Orders", title: "Orders / s", legend: "{{method}} {{outcome}}"))

    /// Time to place an order, payment included.
    public let duration = HistogramDeclaration(
        "checkout_duration_seconds", help: "Time to place an order, payment included.", unit: .seconds, labelNames: ["method"],
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5], chart: Chart(row: "Latency", by: ["method"]))

    /// Checkouts being processed right now.
    public let inFlight = GaugeDeclaration(
        "checkout_in_flight", help: "Checkouts being processed.",
        chart: .stat(row: "Orders", title: "In flight", thresholds: .above(warning: 50, critical: 200)))

    /// Failed over all checkouts.
    public static let failureRatio = RatioDeclaration(
        "checkout_failures", help: "Share of checkouts that failed.",
        numerator: orders.matching("outcome", .equal("failed")), denominator: orders,
        chart: .stat(row: "Orders", title: "Failure ratio", thresholds: .above(warning: 0.01, critical: 0.05)))

    /// 99.5% of checkouts complete, over 28 days.
    public static let availability = ServiceLevelObjective.availability(
        "checkout_availability", description: "Checkouts that complete", objective: 0.995,
        bad: orders.matching("outcome", .equal("failed")), total: orders)

    /// 99% of checkouts are placed within a second, over 28 days.
    public static let latency = ServiceLevelObjective.latency(
        "checkout_latency", description: "Checkouts placed within 1 s", objective: 0.99, histogram: duration, threshold: 1)

    /// Checkouts are in flight but none completes: payment or stock calls hang.
    public static let stalled = AlertDeclaration(
        "CheckoutStalled", severity: .critical,
        expr: "\(inFlight) > 0 unless on (job, instance) sum by (job, instance) (rate(\(orders)[5m])) > 0", for: .minutes(10),
        summary: "Checkouts on {{ $labels.instance }} are stalled",
        description: "{{ $labels.instance }} has checkouts in flight but completed none in the last 5 minutes.",
        tests: [
            .silent("orders keep flowing", at: .minutes(20), given: [
                inFlight.series("3x30"),
                orders.matching("outcome", .equal("completed")).series("0+10x30", labels: ["method": "card"]),
            ]),
            .fires(.critical, when: "in-flight checkouts and no completions for 10 minutes", at: .minutes(20), given: [
                inFlight.series("3x30"),
                orders.matching("outcome", .equal("completed")).series("100x30", labels: ["method": "card"]),
            ]),
        ],
        response: "Check the payment provider's status and the stock service's latency; restart the instance only after capturing a stack dump.")

    /// The checkout module's catalog: one dashboard (`dashboards/checkout.json`), its rules
    /// and tests (`alerts/checkout.rules.yml`, `alerts/tests/checkout-test.yaml`).
    public static let catalog = MetricCatalog(
        "checkout", title: "Checkout",
        declarations: CheckoutMetrics.self,
        ratios: [failureRatio],
        alerts: [stalled],
        objectives: [availability, latency])
}
