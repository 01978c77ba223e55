import Lookout

/// The handler of a Prometheus scrape endpoint (`/metrics`) over a `Registry`.
///
/// It answers in the format the scraper asks for in `Accept` (OpenMetrics 1.0 or the
/// Prometheus text format 0.0.4, see `ContentNegotiation`), gzip-compressed when
/// `Accept-Encoding` allows it, with `Vary: Accept, Accept-Encoding`. The query parameter
/// `format` overrides `Accept`, for scrapers that cannot set headers (Prometheus' `params:`
/// in a scrape config): `?format=openmetrics` or `?format=prometheus`; any other value is
/// answered `400`.
///
/// The handler is synchronous and runs on the event loop: rendering a registry takes
/// microseconds per hundred series and needs no task.
///
/// ```swift
/// let metrics = MetricsEndpoint(registry: registry)
/// router.get("/metrics", handler: metrics.handler)
/// ```
///
/// Thread-safety: immutable and `Sendable`; the registry is safe to render concurrently.
public struct MetricsEndpoint: Sendable {
    /// The registry exposed.
    public let registry: Registry
    /// What the exposition includes (`_created` samples, exemplars; OpenMetrics only).
    public let options: ExpositionOptions

    /// An endpoint exposing `registry`.
    public init(registry: Registry, options: ExpositionOptions = ExpositionOptions()) {
        self.registry = registry
        self.options = options
    }

    /// The route handler, to register with ``HTTPRouter``.
    public var handler: HTTPRouter.Handler {
        { request, _ in try respond(to: request) }
    }

    /// The scrape response for `request`.
    ///
    /// - Throws: ``HTTPError`` `400` for an unknown `format` query value.
    public func respond(to request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        var accept = request.headers["Accept"]
        if let format = request.query["format"] {
            accept = try Self.forcedFormat(format).contentType
        }
        let scrape = registry.scrape(accept: accept, acceptEncoding: request.headers["Accept-Encoding"], options: options)
        var headers: HTTPHeaders = ["Content-Type": scrape.contentType, "Vary": "Accept, Accept-Encoding"]
        if let encoding = scrape.contentEncoding { headers.add("Content-Encoding", encoding) }
        return HTTPResponse(status: .ok, headers: headers, body: scrape.body)
    }

    /// The format named by the `format` query parameter.
    static func forcedFormat(_ name: String) throws(HTTPError) -> ExpositionFormat {
        switch name {
        case "openmetrics": return .openMetrics
        case "prometheus", "text": return .prometheusText
        default:
            throw HTTPError(.badRequest, "format must be 'openmetrics' or 'prometheus' (text 0.0.4), got '\(name)'")
        }
    }
}
