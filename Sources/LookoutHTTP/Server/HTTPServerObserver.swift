/// Receives the server's lifecycle events, so metrics (or logs) can be attached without
/// touching server internals.
///
/// Every method has an empty default, so implement only what you need. Methods are called
/// synchronously on event loop threads (and, for ``handlerFailed(route:error:)`` of async
/// handlers, on the handler's task), concurrently from several threads: they must be
/// thread-safe and cheap — an atomic increment, not a lock held across I/O. They are never
/// called with the raw path: `route` is the matched template or `"unmatched"`.
///
/// Pairing guarantees: each ``connectionOpened()`` is followed by exactly one
/// ``connectionClosed()``; each ``requestStarted(method:route:)`` by exactly one
/// ``requestFinished(_:)``.
public protocol HTTPServerObserver: Sendable {
    /// A connection was accepted and counts toward the connection limit.
    func connectionOpened()
    /// A connection opened earlier was closed, for whatever reason.
    func connectionClosed()
    /// A connection was refused with `503` because the server was at its connection limit.
    func connectionRejected()
    /// A request is about to be handled (for an in-flight gauge). Called once its body is
    /// read, or just before an error response for a request that failed earlier.
    func requestStarted(method: HTTPMethod, route: String)
    /// A request was answered (its response queued for writing) or abandoned because the
    /// client disconnected.
    func requestFinished(_ record: HTTPRequestRecord)
    /// A connection hit one of its timeouts.
    func timedOut(_ kind: HTTPTimeoutKind)
    /// A handler or middleware threw; the client got a problem response for it.
    func handlerFailed(route: String, error: any Error)
}

/// Empty defaults, so an observer implements only the events it needs.
extension HTTPServerObserver {
    /// Does nothing.
    public func connectionOpened() {}
    /// Does nothing.
    public func connectionClosed() {}
    /// Does nothing.
    public func connectionRejected() {}
    /// Does nothing.
    public func requestStarted(method: HTTPMethod, route: String) {}
    /// Does nothing.
    public func requestFinished(_ record: HTTPRequestRecord) {}
    /// Does nothing.
    public func timedOut(_ kind: HTTPTimeoutKind) {}
    /// Does nothing.
    public func handlerFailed(route: String, error: any Error) {}
}

/// What the server reports about one finished request. Every field is bounded, so each
/// is usable as a metric label or value.
public struct HTTPRequestRecord: Sendable, Hashable {
    /// The request method, or ``HTTPMethod/other`` if it could not be parsed.
    public let method: HTTPMethod
    /// The matched route template, or `"unmatched"`.
    public let route: String
    /// The response status code; `499` (nginx's "client closed request") when the client
    /// disconnected before the response could be written.
    public let status: Int
    /// Seconds from the moment the request head was parsed (or the error detected) until
    /// the response was queued, from a monotonic clock.
    public let duration: Double
    /// Bytes of request body received, after chunked decoding.
    public let requestBodyBytes: Int
    /// Bytes of response body sent (`0` for `HEAD` and bodiless statuses).
    public let responseBodyBytes: Int

    /// A record with the given values (for tests of observers).
    public init(method: HTTPMethod, route: String, status: Int, duration: Double, requestBodyBytes: Int, responseBodyBytes: Int) {
        self.method = method
        self.route = route
        self.status = status
        self.duration = duration
        self.requestBodyBytes = requestBodyBytes
        self.responseBodyBytes = responseBodyBytes
    }
}

/// Which timeout closed a connection.
public enum HTTPTimeoutKind: String, Sendable, Hashable, CaseIterable {
    /// The request head did not arrive within ``HTTPServer/Timeouts/header`` (slow-loris
    /// defence); answered with `408` if part of a head had arrived.
    case header
    /// The request body did not arrive within ``HTTPServer/Timeouts/body``; answered with `408`.
    case body
    /// A keep-alive connection sat idle between requests for ``HTTPServer/Timeouts/idle``.
    case idle
    /// The client did not accept response bytes for ``HTTPServer/Timeouts/write``.
    case write
}
