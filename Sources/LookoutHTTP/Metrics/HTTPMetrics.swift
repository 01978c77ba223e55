import Lookout
import LookoutCatalog

/// Every metric of the HTTP server, declared once: these declarations create the live
/// metrics (``HTTPMetricsObserver`` registers and records them) and generate the HTTP
/// dashboard (`dashboards/http.json`), its recording rules, alerts, SLO burn-rate alerts,
/// rule tests and runbook (`alerts/http.rules.yml` and friends).
///
/// Labels are bounded by construction: `method` is one of ``HTTPMethod/implemented`` or
/// `_OTHER`, `route` is the matched route template or `unmatched` (never the raw path),
/// `status` a three-digit code, `kind` a ``HTTPTimeoutKind``.
public struct HTTPMetrics: CatalogDeclarations {
    /// Makes the declarations; read them as statics (`HTTPMetrics.<member>`).
    public init() {}

    // MARK: Traffic

    /// Requests answered, by method, route template and status code (`499`: the client
    /// left before the response).
    public let requests = CounterDeclaration(
        "http_requests", help: "HTTP requests answered, by method, route template and status code.",
        labelNames: ["method", "route", "status"],
        chart: .timeseries(row: "Traffic", title: "Requests / s", unit: .requestsPerSecond, legend: "{{method}} {{route}} {{status}}"))

    /// Requests being handled right now (body read, response not yet queued).
    public let inFlight = GaugeDeclaration(
        "http_requests_in_flight", help: "HTTP requests being handled.",
        chart: .timeseries(row: "Traffic", title: "In flight", legend: "{{instance}}", by: ["instance"]))

    /// Share of requests answered with a 5xx status.
    public static let errors = RatioDeclaration(
        "http_request_errors", help: "Share of HTTP requests answered with a 5xx status.",
        numerator: requests.matching("status", .regex("5..")), denominator: requests,
        chart: .stat(row: "Traffic", title: "5xx ratio", thresholds: .above(warning: 0.01, critical: 0.05)))

    /// Errors thrown by handlers and middleware, by route (each was answered with a problem response).
    public let handlerErrors = CounterDeclaration(
        "http_handler_errors", help: "Errors thrown by HTTP handlers and middleware, by route template.",
        labelNames: ["route"], chart: .timeseries(row: "Traffic", title: "Handler errors / s", legend: "{{route}}"))

    // MARK: Latency and sizes

    /// Time from the parsed request head to the queued response, by method and route.
    public let duration = HistogramDeclaration(
        "http_request_duration_seconds", help: "Time to answer an HTTP request, from its parsed head to its queued response.",
        unit: .seconds, labelNames: ["method", "route"],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        chart: Chart(row: "Latency", title: "Request duration", by: ["route"]))

    /// Request body sizes (after chunked decoding), by method and route.
    public let requestSize = HistogramDeclaration(
        "http_request_size_bytes", help: "HTTP request body sizes, by method and route template.",
        unit: .bytes, labelNames: ["method", "route"], buckets: .exponential(start: 64, factor: 4, count: 9),
        chart: Chart(row: "Sizes", title: "Request body size", by: ["route"]))

    /// Response body sizes (`0` for `HEAD`), by method and route.
    public let responseSize = HistogramDeclaration(
        "http_response_size_bytes", help: "HTTP response body sizes, by method and route template.",
        unit: .bytes, labelNames: ["method", "route"], buckets: .exponential(start: 64, factor: 4, count: 9),
        chart: Chart(row: "Sizes", title: "Response body size", by: ["route"]))

    // MARK: Connections

    /// Connections open now (those counting toward the limit).
    public let connectionsOpen = GaugeDeclaration(
        "http_connections_open", help: "HTTP connections open.",
        chart: .timeseries(row: "Connections", title: "Open connections", legend: "{{instance}}", by: ["instance"]))

    /// The configured connection limit (``HTTPServer/Configuration/maxConnections``).
    public let connectionsLimit = GaugeDeclaration(
        "http_connections_limit", help: "The most HTTP connections served at once; more are refused with 503.", chart: .hidden)

    /// Open connections over the limit, per instance.
    public static let connectionUsage = RatioDeclaration(
        "http_connection_usage", help: "Share of the HTTP connection limit in use.",
        numerator: connectionsOpen, denominator: connectionsLimit, by: ["job", "instance"],
        chart: .timeseries(row: "Connections", title: "Connection limit used", unit: .percentUnit, legend: "{{instance}}",
                           by: ["instance"], thresholds: .above(warning: 0.8, critical: 0.95)))

    /// Connections refused with `503` because the server was at its limit.
    public let connectionsRejected = CounterDeclaration(
        "http_connections_rejected", help: "HTTP connections refused with 503 at the connection limit.",
        chart: .timeseries(row: "Connections", title: "Refused connections / s", legend: "{{instance}}", by: ["instance"]))

    /// Connections closed by a timeout, by kind (`header`, `body`, `idle`, `write`).
    public let timeouts = CounterDeclaration(
        "http_timeouts", help: "HTTP connections closed by a timeout, by kind (header, body, idle, write).",
        labelNames: ["kind"], chart: .timeseries(row: "Connections", title: "Timeouts / s", legend: "{{kind}}"))

    // MARK: Objectives

    /// 99.9% of requests are answered without a server error, over 28 days.
    public static let availability = ServiceLevelObjective.availability(
        "http_availability", description: "Requests answered without a server error (5xx)", objective: 0.999,
        bad: requests.matching("status", .regex("5..")), total: requests)

    /// 99% of requests are answered within 250 ms, over 28 days.
    public static let latency = ServiceLevelObjective.latency(
        "http_latency", description: "Requests answered within 250 ms", objective: 0.99, histogram: duration, threshold: 0.25)

    /// The HTTP server's catalog: `dashboards/http.json`, `alerts/http.rules.yml`, its tests
    /// and runbook.
    public static let catalog = MetricCatalog(
        "http", title: "HTTP server",
        declarations: HTTPMetrics.self,
        ratios: [errors, connectionUsage],
        alerts: [errorsHigh, connectionsSaturated],
        objectives: [availability, latency])
}
