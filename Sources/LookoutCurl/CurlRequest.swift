import LookoutHTTPTypes

/// One HTTP request for ``CurlClient/execute(_:)``.
///
/// Timeouts left `nil` use the client's ``CurlClient/Configuration``. The body, if any, is
/// copied into libcurl when the transfer starts.
public struct CurlRequest: Sendable, Hashable {
    /// An HTTP method; the common ones are static members.
    public struct Method: Sendable, Hashable, CustomStringConvertible {
        /// The method token as sent on the wire.
        public let rawValue: String
        /// Creates a method from its token, for example `"OPTIONS"`.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// `GET`.
        public static let get = Method("GET")
        /// `HEAD` (no response body is read).
        public static let head = Method("HEAD")
        /// `POST`.
        public static let post = Method("POST")
        /// `PUT`.
        public static let put = Method("PUT")
        /// `DELETE`.
        public static let delete = Method("DELETE")
        /// `PATCH`.
        public static let patch = Method("PATCH")

        public var description: String { rawValue }
    }

    /// The method.
    public var method: Method
    /// The absolute URL, for example `https://api.bybit.com/v5/market/time`.
    public var url: String
    /// Extra request headers. libcurl adds `Host`, `Accept-Encoding` and `User-Agent`.
    public var headers: CurlHeaders
    /// The request body, or `nil` for none.
    public var body: [UInt8]?
    /// Limit for the whole transfer (queueing for a connection included), or `nil` for the
    /// client's default.
    public var timeout: Duration?
    /// Limit for establishing the connection (TCP and TLS), or `nil` for the client's default.
    public var connectTimeout: Duration?

    /// Creates a request.
    public init(
        method: Method = .get,
        url: String,
        headers: CurlHeaders = [:],
        body: [UInt8]? = nil,
        timeout: Duration? = nil,
        connectTimeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    /// Checks what libcurl would otherwise accept silently or reject with a vague message:
    /// header names and values must not contain CR or LF (that would inject extra headers),
    /// and the method must be a plain token.
    func validate() throws(CurlError) {
        func invalid(_ message: String) -> CurlError {
            CurlError(code: .invalidRequest, message: message, url: url)
        }
        guard !url.isEmpty else { throw invalid("the URL is empty; pass an absolute http:// or https:// URL") }
        guard !method.rawValue.isEmpty, method.rawValue.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw invalid("method '\(method.rawValue)' is not an HTTP token; use letters such as GET or POST")
        }
        for field in headers {
            let bad = field.name.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == UInt8(ascii: ":") || $0 == 0x20 }
                || field.name.isEmpty
                || field.value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
            if bad {
                throw invalid("header '\(field.name)' has an empty name or contains a line break, colon in the name or NUL; remove them")
            }
        }
    }
}
