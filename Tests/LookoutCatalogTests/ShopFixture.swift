import LookoutCatalog
import LookoutCatalogGenerator

/// A catalog exercising every declaration kind, chart hint, ratio shape and SLO indicator;
/// its generated files are the golden files under Golden/.
enum ShopFixture {
    static let requests = CounterDeclaration(
        "shop_requests", help: "Requests handled, by route and status code.", labelNames: ["route", "code"],
        chart: .timeseries(row: "Traffic", title: "Requests / s", unit: .requestsPerSecond, legend: "{{route}} {{code}}"))
    static let inFlight = GaugeDeclaration(
        "shop_requests_in_flight", help: "Requests being handled.",
        chart: .stat(row: "Traffic", thresholds: .above(warning: 50, critical: 100)))
    static let duration = HistogramDeclaration(
        "shop_request_duration_seconds", help: "Time to handle a request.", unit: .seconds, labelNames: ["route"],
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5], chart: Chart(row: "Latency", by: ["route"]))
    static let responseSize = HistogramDeclaration(
        "shop_response_size_bytes", help: "Size of response bodies.", unit: .bytes,
        buckets: .exponential(start: 256, factor: 4, count: 6), chart: Chart(row: "Latency", kind: .heatmap))
    static let cacheHits = CounterDeclaration("shop_cache_hits_total", help: "Catalogue cache hits.", chart: .hidden)
    static let cacheMisses = CounterDeclaration("shop_cache_misses_total", help: "Catalogue cache misses.", chart: .hidden)
    static let build = InfoDeclaration("shop_build_info", help: "Version of the running build.", labelNames: ["version", "commit"],
                                       chart: .table(row: "Build"))
    static let paymentsAttempted = CounterDeclaration("shop_payments_attempted", help: "Payments attempted.",
                                                      chart: .timeseries(row: "Payments", dashboard: "shop_payments"))
    static let paymentsSucceeded = CounterDeclaration("shop_payments_succeeded", help: "Payments that succeeded.",
                                                      chart: .timeseries(row: "Payments", dashboard: "shop_payments"))
    static let breaker = StateSetDeclaration("shop_payment_breaker", help: "State of the payment provider's circuit breaker.",
                                             states: ["closed", "open", "half_open"], chart: .table(row: "Payments", dashboard: "shop_payments"))
    static let queueDepth = GaugeDeclaration("shop_payment_queue_depth", help: "Payments waiting for the provider.",
                                             chart: .gauge(row: "Payments", max: 500, thresholds: .above(warning: 200, critical: 400), dashboard: "shop_payments"))

    static let errors = RatioDeclaration(
        "shop_request_errors", help: "Share of requests answered with a 5xx status.",
        numerator: requests.matching("code", .regex("5..")), denominator: requests,
        chart: .stat(row: "Traffic", title: "Error ratio", thresholds: .above(warning: 0.01, critical: 0.05)))
    static let cacheHitRatio = RatioDeclaration(
        "shop_cache_hit", help: "Share of catalogue lookups served from the cache.",
        numerator: [cacheHits], denominator: [cacheHits, cacheMisses],
        chart: .timeseries(row: "Traffic", title: "Cache hit ratio", thresholds: .below(warning: 0.9, critical: 0.5)))

    static let availability = ServiceLevelObjective.availability(
        "shop_availability", description: "Requests answered without a server error", objective: 0.999,
        bad: requests.matching("code", .regex("5..")), total: requests)
    static let latency = ServiceLevelObjective.latency(
        "shop_latency", description: "Requests answered within 250 ms", objective: 0.99,
        histogram: duration.matching("route", .notEqual("/health")), threshold: 0.25)
    static let payments = ServiceLevelObjective.availability(
        "shop_payments", description: "Payments that succeed", objective: 0.995, period: .days30,
        good: paymentsSucceeded, total: paymentsAttempted, dashboard: "shop_payments")

    static let errorsHigh = AlertDeclaration(
        "ShopErrorsHigh",
        summary: "{{ $labels.job }} answers too many requests with 5xx",
        description: "More than 5% (warning) or 20% (critical) of {{ $labels.job }}'s requests failed over 5 minutes.",
        conditions: [
            .warning("\(errors.recorded) > 0.05", for: .minutes(5)),
            .critical("\(errors.recorded) > 0.2", for: .minutes(2), labels: ["team": "shop"]),
        ],
        tests: [
            .silent("1% errors", at: .minutes(15), given: [
                requests.matching("code", .equal("500")).series("0+1x20"),
                requests.matching("code", .equal("200")).series("0+99x20"),
            ]),
            .fires(.warning, when: "10% errors", at: .minutes(15), labels: ["job": "app"], given: [
                requests.matching("code", .equal("500")).series("0+10x20"),
                requests.matching("code", .equal("200")).series("0+90x20"),
            ]),
            .fires(.warning, .critical, when: "50% errors", at: .minutes(15), labels: ["job": "app"], given: [
                requests.matching("code", .equal("503")).series("0+50x20", labels: ["route": "/cart"]),
                requests.matching("code", .equal("200")).series("0+50x20", labels: ["route": "/cart"]),
            ]),
        ],
        response: "Look at the error ratio by route on the shop dashboard.")

    static let queueStuck = AlertDeclaration(
        "ShopPaymentQueueStuck", severity: .warning,
        expr: "\(queueDepth) > 100 and deriv(\(queueDepth)[10m]) >= 0", for: .minutes(10),
        summary: "Payments are piling up on {{ $labels.instance }}",
        description: "The payment queue holds {{ $value }} payments and is not draining.",
        tests: [
            .silent("a draining queue", at: .minutes(20), given: [queueDepth.series("300-10x30")]),
            .fires(.warning, when: "a growing queue", at: .minutes(20),
                   annotations: ["description": "The payment queue holds 320 payments and is not draining."],
                   given: [queueDepth.series("120+10x30")]),
        ],
        runbookURL: "https://runbooks.example.com/shop/payment-queue")

    static let catalog = MetricCatalog(
        "shop", title: "Shop",
        dashboards: [DashboardDeclaration("shop", title: "Shop"), DashboardDeclaration("shop_payments", title: "Shop payments", tags: ["payments"])],
        metrics: [requests, inFlight, duration, responseSize, cacheHits, cacheMisses, build,
                  paymentsAttempted, paymentsSucceeded, breaker, queueDepth],
        ratios: [errors, cacheHitRatio],
        alerts: [errorsHigh, queueStuck],
        objectives: [availability, latency, payments])

    /// The shop catalog with the process catalog (the overview summarises the shop's SLOs).
    static let set = CatalogSet([ProcessMetrics.catalog, catalog], runbookBaseURL: "https://example.com/shop/blob/main/alerts/runbooks",
                                alertmanager: AlertmanagerSettings(critical: .init(name: "pager", webhookURL: "http://127.0.0.1:9095/page")))
}
