/// A failed HTTP transfer: what went wrong, libcurl's own code and text, and the URL.
///
/// An HTTP response with an error status (404, 500, …) is **not** a `CurlError`: the
/// transfer worked, and the status is in ``CurlResponse/status``. `CurlError` means no
/// complete response arrived (or the request could not be sent at all).
///
/// ``code`` is bounded and stable, so it is safe to use as a metric label; ``message``
/// carries the detail, such as "Failed to connect to 127.0.0.1 port 9: Connection refused".
public struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded classification of transfer failures.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String, Sendable {
            case timedOut, connectionFailed, dnsFailed, connectionLost, truncatedBody
            case tls, badContentEncoding, responseTooLarge, tooManyRedirects, protocolError
            case invalidRequest, cancelled, shutdown, initializationFailed, other
        }
        fileprivate let kind: Kind

        /// The connect or total timeout expired (`CURLE_OPERATION_TIMEDOUT`).
        public static let timedOut = Code(kind: .timedOut)
        /// No connection could be made, for example "connection refused" (`CURLE_COULDNT_CONNECT`).
        public static let connectionFailed = Code(kind: .connectionFailed)
        /// The host or proxy name did not resolve (`CURLE_COULDNT_RESOLVE_HOST`/`_PROXY`).
        public static let dnsFailed = Code(kind: .dnsFailed)
        /// The connection broke while sending or receiving, or the server closed it
        /// without answering (`CURLE_SEND_ERROR`, `CURLE_RECV_ERROR`, `CURLE_GOT_NOTHING`).
        public static let connectionLost = Code(kind: .connectionLost)
        /// The body ended before the length the server announced (`CURLE_PARTIAL_FILE`).
        public static let truncatedBody = Code(kind: .truncatedBody)
        /// TLS failed: handshake, certificate verification or CA bundle problems.
        public static let tls = Code(kind: .tls)
        /// The server sent a body whose `Content-Encoding` could not be decoded.
        public static let badContentEncoding = Code(kind: .badContentEncoding)
        /// The body exceeded ``CurlClient/Configuration/maxResponseBytes``.
        public static let responseTooLarge = Code(kind: .responseTooLarge)
        /// More redirects than ``CurlClient/Configuration/maxRedirects`` allows.
        public static let tooManyRedirects = Code(kind: .tooManyRedirects)
        /// The server's reply was not valid HTTP (`CURLE_WEIRD_SERVER_REPLY` and similar).
        public static let protocolError = Code(kind: .protocolError)
        /// The request itself is invalid: a malformed URL, an unsupported scheme or a
        /// header containing a line break. Fix the request; retrying will not help.
        public static let invalidRequest = Code(kind: .invalidRequest)
        /// The calling Swift task was cancelled; the transfer was removed.
        public static let cancelled = Code(kind: .cancelled)
        /// The client was shut down before the transfer finished.
        public static let shutdown = Code(kind: .shutdown)
        /// libcurl could not be initialised (global init or multi handle creation failed).
        public static let initializationFailed = Code(kind: .initializationFailed)
        /// Any other libcurl failure; ``CurlError/curlCode`` says which.
        public static let other = Code(kind: .other)

        public var description: String { kind.rawValue }
    }

    /// What kind of failure this is.
    public let code: Code
    /// libcurl's `CURLcode` (or `CURLMcode` for multi-handle failures), or `nil` when the
    /// failure did not come from libcurl (cancellation, shutdown, request validation).
    public let curlCode: Int32?
    /// Human-readable detail: libcurl's error buffer when it has one, otherwise
    /// `curl_easy_strerror` or Lookout's own explanation.
    public let message: String
    /// The URL of the failed request.
    public let url: String

    /// Creates an error; normally only ``CurlClient`` does this.
    public init(code: Code, curlCode: Int32? = nil, message: String, url: String) {
        self.code = code
        self.curlCode = curlCode
        self.message = message
        self.url = url
    }

    /// Whether the same request may succeed if sent again later: timeouts, failed or lost
    /// connections, truncated bodies and name-resolution failures. Cancellation,
    /// invalid requests, TLS failures and oversized responses are not transient.
    public var isTransient: Bool {
        switch code.kind {
        case .timedOut, .connectionFailed, .dnsFailed, .connectionLost, .truncatedBody, .protocolError: true
        default: false
        }
    }

    public var description: String {
        let origin = curlCode.map { " (curl code \($0))" } ?? ""
        return "HTTP transfer \(code)\(origin) for \(url): \(message)"
    }
}
