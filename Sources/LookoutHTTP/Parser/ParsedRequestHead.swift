/// How a request's body is delimited (RFC 9112 §6.3).
enum BodyFraming: Sendable, Hashable {
    /// No body: neither `Content-Length` nor `Transfer-Encoding`, or `Content-Length: 0`.
    case none
    /// Exactly this many bytes follow the head (always more than zero).
    case contentLength(Int)
    /// `Transfer-Encoding: chunked`.
    case chunked
}

/// A parsed, validated request head and what the server needs to act on it.
struct ParsedRequestHead: Sendable {
    /// The request without its body.
    var request: HTTPRequest
    /// How the body that follows is delimited.
    var framing: BodyFraming
    /// Whether the client allows the connection to stay open after the response.
    var keepAlive: Bool
    /// Whether the client sent `Expect: 100-continue` (HTTP/1.1 only).
    var expectsContinue: Bool
    /// How many bytes of input the head took, including leading blank lines and the final CRLF.
    var length: Int
}
