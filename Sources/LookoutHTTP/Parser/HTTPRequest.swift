/// A complete HTTP request as handlers and middleware see it: head and whole body.
///
/// The server reads the entire body (up to ``HTTPRequestLimits/maxBodySize``) before it
/// calls the router, so `body` is never partial. Chunked framing is already removed and
/// trailer fields are discarded. A value type; `Sendable`.
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The protocol version the client spoke.
    public var version: HTTPVersion
    /// The request target exactly as received, for example `/api/v1/klines/BTC%2FUSDT?limit=5`.
    public var target: String
    /// The path part of the target, still percent-encoded, without the query
    /// (for an absolute-form target, without scheme and authority).
    public var path: String
    /// The path's segments, percent-decoded: `/a/b%20c` gives `["a", "b c"]` and `/` gives `[]`.
    /// An encoded slash (`%2F`) stays inside its segment.
    public var pathSegments: [String]
    /// The decoded query items.
    public var query: HTTPQuery
    /// The header fields in the order received.
    public var headers: HTTPHeaders
    /// The request body; empty when the request had none.
    public var body: [UInt8]

    /// A request for `target`, parsed and validated exactly as the server would.
    ///
    /// Use it to unit-test handlers and middleware without a socket.
    /// - Throws: ``HTTPParseError`` when `target` is not a valid origin-form target.
    public init(
        method: HTTPMethod = .get,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = []
    ) throws(HTTPParseError) {
        let utf8 = Array(target.utf8)
        let parsed = try utf8.withUnsafeBytes { buffer in
            Result { () throws(HTTPParseError) in try RequestTarget(parsing: buffer, method: method) }
        }.get()
        self.init(method: method, version: version, target: parsed, headers: headers, body: body)
    }

    init(method: HTTPMethod, version: HTTPVersion, target: RequestTarget, headers: HTTPHeaders, body: [UInt8]) {
        self.method = method
        self.version = version
        self.target = target.raw
        self.path = target.path
        self.pathSegments = target.segments
        self.query = target.query
        self.headers = headers
        self.body = body
    }
}
