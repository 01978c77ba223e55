import LookoutHTTPTypes

/// A complete HTTP response: status, headers and the decoded body.
///
/// Any status is a response, including 4xx and 5xx; only failures to get a complete
/// response are thrown as ``CurlError``. A gzip or deflate body has already been decoded.
public struct CurlResponse: Sendable, Hashable {
    /// The HTTP status code of the final response (after any followed redirects).
    public var status: Int
    /// The headers of the final response, in the order received.
    public var headers: CurlHeaders
    /// The body, decoded according to `Content-Encoding`. Empty for `HEAD` and 204/304.
    public var body: [UInt8]
    /// The URL that produced this response (differs from the request URL after redirects).
    public var url: String
    /// The HTTP version that was used: `"1.0"`, `"1.1"`, `"2"` or `"3"`.
    public var httpVersion: String
    /// Wall time of the whole transfer as libcurl measured it, queueing included.
    public var totalTime: Duration
    /// How many new connections this transfer had to open: 0 means it reused a pooled one.
    public var newConnections: Int

    /// Creates a response; normally only ``CurlClient`` does this.
    public init(
        status: Int, headers: CurlHeaders, body: [UInt8], url: String,
        httpVersion: String, totalTime: Duration, newConnections: Int
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
        self.httpVersion = httpVersion
        self.totalTime = totalTime
        self.newConnections = newConnections
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body decoded as UTF-8 (invalid sequences become U+FFFD).
    public var text: String { String(decoding: body, as: UTF8.self) }
}
