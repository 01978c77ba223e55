/// One request as an access log records it.
///
/// Unlike metric labels, an access log may carry the raw path: it is written, not
/// aggregated, so its values need not be bounded. The query string is left out, since it
/// often carries tokens or personal data.
public struct AccessLogEntry: Sendable, Hashable {
    /// The request method.
    public let method: HTTPMethod
    /// The path as received (percent-encoded), without the query.
    public let path: String
    /// The matched route template, or `unmatched`.
    public let route: String
    /// The response status code.
    public let status: Int
    /// Seconds the middleware chain and handler took, from a monotonic clock.
    public let duration: Double
    /// Request body bytes.
    public let requestBodyBytes: Int
    /// Response body bytes (`0` for `HEAD`).
    public let responseBodyBytes: Int
    /// The client's address and port.
    public let remoteAddress: String
    /// The `User-Agent` header, if sent.
    public let userAgent: String?

    /// An entry with the given values.
    public init(method: HTTPMethod, path: String, route: String, status: Int, duration: Double,
                requestBodyBytes: Int, responseBodyBytes: Int, remoteAddress: String, userAgent: String?)
    {
        self.method = method
        self.path = path
        self.route = route
        self.status = status
        self.duration = duration
        self.requestBodyBytes = requestBodyBytes
        self.responseBodyBytes = responseBodyBytes
        self.remoteAddress = remoteAddress
        self.userAgent = userAgent
    }
}

/// Middleware that reports every request it sees to a sink, once its response is ready:
/// the building block of an access log.
///
/// The library never writes logs itself; the sink decides the format and destination.
/// It is called on the event loop thread (or, for async handlers, on the handler's task),
/// so it must not block: hand the line to a buffered writer rather than writing to a file
/// descriptor directly.
///
/// ```swift
/// router.use(AccessLogMiddleware { entry in logger.info("request", entry) })
/// ```
///
/// Requests rejected before routing (malformed, too large, timed out) never reach
/// middleware, so they are not reported here; the server's ``HTTPServerObserver`` counts
/// them. Add this middleware first, so its duration covers the rest of the chain.
public struct AccessLogMiddleware: HTTPMiddleware {
    private let sink: @Sendable (AccessLogEntry) -> Void

    /// Middleware reporting each request to `sink`.
    public init(_ sink: @escaping @Sendable (AccessLogEntry) -> Void) {
        self.sink = sink
    }

    /// Passes the request on, then reports it with its response.
    public func handle(_ request: HTTPRequest, context: HTTPRequestContext, next: HTTPNext) throws -> HTTPResult {
        let start = MonotonicInstant.now()
        let result = next(request, context)
        // A ready response is reported without allocating a closure: the common case.
        if let response = result.readyResponse {
            sink(Self.entry(request, context, response, start))
            return result
        }
        let sink = self.sink
        return result.map { response in
            sink(Self.entry(request, context, response, start))
            return response
        }
    }

    private static func entry(_ request: HTTPRequest, _ context: HTTPRequestContext, _ response: HTTPResponse,
                              _ start: MonotonicInstant) -> AccessLogEntry
    {
        AccessLogEntry(
            method: request.method, path: request.path, route: context.route, status: response.status.code,
            duration: MonotonicInstant.now().seconds(since: start), requestBodyBytes: request.body.count,
            responseBodyBytes: request.method == .head || response.status.forbidsBody ? 0 : response.body.count,
            remoteAddress: context.remoteAddress, userAgent: request.headers["User-Agent"])
    }
}
