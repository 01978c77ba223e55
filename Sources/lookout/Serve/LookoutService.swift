import Lookout
import LookoutHTTP

/// What `lookout serve` runs: a registry with the process, build and HTTP metrics, a
/// health monitor, and the HTTP server exposing both. Built from ``ServeSettings`` alone,
/// so tests run exactly what the command runs.
final class LookoutService: Sendable {
    let settings: ServeSettings
    let registry: Registry
    let health: HealthMonitor
    /// Rate limiting, when configured.
    let rateLimit: RateLimitSetup?
    /// The klines API's handlers (Bybit client, and the candle cache once attached).
    let klines: KlinesEndpoint
    /// Every route the server answers, as registered (the OpenAPI test compares them).
    let routes: [(method: HTTPMethod, template: String)]
    private let server: HTTPServer

    /// Builds the service without binding anything.
    ///
    /// - Throws: ``ServeError`` if a metric cannot be registered or the server
    ///   configuration is invalid.
    init(settings: ServeSettings, logger: Logger?) throws(ServeError) {
        self.settings = settings
        registry = Registry()
        health = HealthMonitor(version: LookoutVersion.current)
        var configuration = HTTPServer.Configuration(host: settings.host, port: settings.port, maxConnections: settings.maxConnections)
        if let loops = settings.eventLoops { configuration.eventLoopCount = loops }
        configuration.limits = KlinesRoutes.requestLimits
        let httpMetrics: HTTPMetricsObserver
        do {
            try registry.register(ProcessCollector())
            try LookoutBuildInfo.register(in: registry)
            let metrics = try HTTPMetricsObserver(registry: registry, maxConnections: settings.maxConnections)
            httpMetrics = metrics
            configuration.observer = logger.map { ServeObserver(metrics: metrics, logger: $0) } ?? metrics
            try Self.registerSyntheticSeries(settings.syntheticSeries, in: registry)
        } catch {
            throw ServeError("cannot register metrics: \(error)")
        }
        var router = HTTPRouter()
        if let logger, logger.isEnabled(.info) {
            router.use(AccessLogMiddleware { entry in logger.log(.info, "request", entry.logFields) })
        }
        rateLimit = try RateLimitSetup.make(settings, registry: registry, logger: logger)
        if let rateLimit { router.use(rateLimit.middleware) }
        router.addObservabilityRoutes(metrics: MetricsEndpoint(registry: registry), health: HealthEndpoint(monitor: health))
        router.get("/") { _, _ in .text(Self.index) }
        router.addRunbookRoutes(RunbookPages.default)
        klines = try Self.makeKlinesEndpoint(settings, registry: registry, pressure: rateLimit?.adaptive)
        router.addKlinesRoutes(klines, version: LookoutVersion.current)
        routes = router.routes
        httpMetrics.exposeHandlerErrors(routes: routes.map(\.template))
        do {
            server = try HTTPServer(configuration: configuration, router: router)
        } catch {
            throw ServeError(error.message)
        }
    }

    /// Binds and starts serving; readiness stays `503` until ``markServing()``.
    func start() throws(HTTPServerError) {
        try server.start()
        rateLimit?.startRefreshing()
    }

    /// Readiness turns `200`: the service takes traffic.
    func markServing() {
        health.markServing()
    }

    /// Stops gracefully: readiness turns `503`, in-flight requests get `gracePeriod`.
    func stop(gracePeriod: Duration) async {
        health.markDraining()
        await server.shutdown(gracePeriod: gracePeriod)
        await rateLimit?.stop()
    }

    /// The bound port once started.
    var port: Int? { server.port }

    /// The base URL once started, for example `http://127.0.0.1:9180`.
    var baseURL: String? { server.localAddress.map { "http://\($0)" } }

    /// `N` counters `bench_synthetic_total{series="s<i>"}` holding `i`, so `/metrics`
    /// carries as many series as the benchmark's peer server.
    static func registerSyntheticSeries(_ count: Int, in registry: Registry) throws(MetricError) {
        guard count > 0 else { return }
        let family = try registry.counterFamily("bench_synthetic", help: "Synthetic series for benchmarks.", labelNames: ["series"])
        for index in 0..<count { family.labels("s\(index)").inc(by: index) }
    }

    /// The body of `GET /`: where everything is.
    static let index = """
        lookout \(LookoutVersion.current)

        GET /metrics               Prometheus metrics (OpenMetrics or text 0.0.4 by Accept; ?format=openmetrics|prometheus)
        GET /api/v1/health/metrics the same metrics
        GET /api/v1/health         health: status, version, uptime, components
        GET /api/v1/health/ready   readiness: 200 when serving, 503 while starting or draining
        GET /api/v1/klines         candles of one symbol (?symbol=&interval=&category=&start=&end=&limit=&exclude_open=)
        GET /api/v1/klines/batch   candles of up to 50 symbols (?symbols=A,B&interval=…)
        GET /api/v1/openapi.json   the OpenAPI 3.1 document of the /api routes

        """
}

/// Why `lookout serve` could not build or start its service.
struct ServeError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension AccessLogEntry {
    /// The access-log line's fields, in a fixed order.
    var logFields: [LogField] {
        var fields = [
            LogField("method", method.rawValue), LogField("path", path), LogField("route", route),
            LogField("status", status), LogField("duration_ms", duration * 1000),
            LogField("bytes_in", requestBodyBytes), LogField("bytes_out", responseBodyBytes),
            LogField("remote", remoteAddress),
        ]
        if let userAgent { fields.append(LogField("user_agent", userAgent)) }
        return fields
    }
}
