/// Size limits the server enforces on every request, each with its own status code.
///
/// The defaults suit an API and metrics server: generous for real clients, small enough
/// that a single connection cannot make the server buffer much. All sizes are in bytes.
public struct HTTPRequestLimits: Sendable, Hashable {
    /// The longest request line (`GET /path?query HTTP/1.1`) accepted, without its CRLF.
    /// Longer lines get `414 URI Too Long`. Default 8 KiB.
    public var maxRequestLineLength: Int
    /// The largest request head (request line, header fields and the blank line) accepted.
    /// Larger heads get `431 Request Header Fields Too Large`. Default 16 KiB. Chunked
    /// trailers are held to the same limit.
    public var maxHeaderSize: Int
    /// The most header fields one request may carry; more get `431`. Default 100.
    public var maxHeaderCount: Int
    /// The largest request body accepted, after removing chunked framing. Larger bodies get
    /// `413 Content Too Large`, before any of it is read when `Content-Length` says so.
    /// Default 1 MiB.
    public var maxBodySize: Int

    /// Limits with the given values; every one must be positive.
    public init(
        maxRequestLineLength: Int = 8 * 1024,
        maxHeaderSize: Int = 16 * 1024,
        maxHeaderCount: Int = 100,
        maxBodySize: Int = 1024 * 1024
    ) {
        self.maxRequestLineLength = maxRequestLineLength
        self.maxHeaderSize = maxHeaderSize
        self.maxHeaderCount = maxHeaderCount
        self.maxBodySize = maxBodySize
    }

    /// A description of the first limit that is not positive, or `nil` when all are valid.
    var problem: String? {
        if maxRequestLineLength <= 0 { return "maxRequestLineLength must be positive, got \(maxRequestLineLength)" }
        if maxHeaderSize <= 0 { return "maxHeaderSize must be positive, got \(maxHeaderSize)" }
        if maxHeaderCount <= 0 { return "maxHeaderCount must be positive, got \(maxHeaderCount)" }
        if maxBodySize < 0 { return "maxBodySize must not be negative, got \(maxBodySize)" }
        return nil
    }
}
