import Lookout
import LookoutCatalog

/// An ``HTTPServerObserver`` that records the server's events into the metrics declared
/// in ``HTTPMetrics``, registering them in a `Registry` (all of them, so every family is
/// exposed from the first scrape). Its metrics are a `CatalogMetrics` built from the
/// declarations: a new metric is its declaration and its use here.
///
/// ```swift
/// let registry = Registry()
/// let observer = try HTTPMetricsObserver(registry: registry, maxConnections: 1024)
/// let server = try HTTPServer(configuration: .init(maxConnections: 1024, observer: observer), router: router)
/// ```
///
/// Recording is cheap enough for every request: each event is a few atomic updates, and
/// the label lookups for a request (method, route template, status) are lock-free and
/// allocation-free. Labels only ever carry route templates or `unmatched`, so the number
/// of series is bounded by routes × methods × statuses.
///
/// Thread-safety: safe from any thread; the server calls it from every event loop.
public final class HTTPMetricsObserver: HTTPServerObserver {
    /// The live metrics of ``HTTPMetrics``, by declaration.
    private let metrics: CatalogMetrics<HTTPMetrics>
    /// One counter per ``HTTPTimeoutKind``, in `allCases` order.
    private let timeouts: [Counter]
    /// The families every request records into, resolved once.
    private let requests: CounterFamily, duration: HistogramFamily, requestSize: HistogramFamily, responseSize: HistogramFamily
    /// The in-flight and open-connection gauges, resolved once.
    private let inFlight: Gauge, connectionsOpen: Gauge

    /// Registers the HTTP metrics in `registry` and records into them.
    ///
    /// - Parameters:
    ///   - registry: Where the families are registered (an identical family already
    ///     registered is reused).
    ///   - maxConnections: The server's ``HTTPServer/Configuration/maxConnections``,
    ///     exposed as `http_connections_limit` for the saturation ratio and alert.
    /// - Throws: `MetricError` if a family of the same name but a different shape is
    ///   already registered.
    public init(registry: Registry, maxConnections: Int) throws(MetricError) {
        metrics = try CatalogMetrics(registry: registry)
        metrics.connectionsLimit.set(maxConnections)
        let timeoutFamily: CounterFamily = metrics.timeouts
        timeouts = HTTPTimeoutKind.allCases.map { timeoutFamily.labels($0.rawValue) }
        requests = metrics.requests
        duration = metrics.duration
        requestSize = metrics.requestSize
        responseSize = metrics.responseSize
        inFlight = metrics.inFlight
        connectionsOpen = metrics.connectionsOpen
    }

    /// Counts an open connection.
    public func connectionOpened() { connectionsOpen.inc() }

    /// Counts a closed connection.
    public func connectionClosed() { connectionsOpen.dec() }

    /// Counts a connection refused at the limit.
    public func connectionRejected() { metrics.connectionsRejected.inc() }

    /// Counts a request in flight.
    public func requestStarted(method: HTTPMethod, route: String) { inFlight.inc() }

    /// Records a finished request: its count by status, duration and body sizes.
    public func requestFinished(_ record: HTTPRequestRecord) {
        inFlight.dec()
        let method = record.method.rawValue
        requests.labels(method, record.route, Self.statusLabel(record.status)).inc()
        duration.labels(method, record.route).observe(record.duration)
        requestSize.labels(method, record.route).observe(Double(record.requestBodyBytes))
        responseSize.labels(method, record.route).observe(Double(record.responseBodyBytes))
    }

    /// Counts a timeout by kind.
    public func timedOut(_ kind: HTTPTimeoutKind) {
        switch kind {
        case .header: timeouts[0].inc()
        case .body: timeouts[1].inc()
        case .idle: timeouts[2].inc()
        case .write: timeouts[3].inc()
        }
    }

    /// Creates the `http_handler_errors_total` series of each route template in `routes`
    /// at 0, so a dashboard shows "0 errors / s" for a healthy service instead of no data.
    /// Call it once the router is complete (`router.routes.map(\.template)`).
    public func exposeHandlerErrors(routes: [String]) {
        let family: CounterFamily = metrics.handlerErrors
        for route in Set(routes) { _ = family.labels(route) }
    }

    /// Counts an error thrown by a handler or middleware.
    public func handlerFailed(route: String, error: any Error) {
        metrics.handlerErrors.labels(route).inc()
    }

    /// The status codes' label values, made once (a code is always three digits).
    private static let statusLabels: [String] = (0..<600).map { String($0) }

    private static func statusLabel(_ status: Int) -> String {
        status >= 0 && status < statusLabels.count ? statusLabels[status] : String(status)
    }
}
