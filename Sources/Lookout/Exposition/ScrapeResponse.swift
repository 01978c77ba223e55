import LookoutZlib

/// A ready-to-send metrics response: body, `Content-Type` and `Content-Encoding`.
public struct ScrapeResponse: Sendable {
    /// The body, gzip-compressed when ``contentEncoding`` is `gzip`.
    public let body: [UInt8]
    /// The exact `Content-Type` header value.
    public let contentType: String
    /// `gzip`, or nil for an uncompressed body.
    public let contentEncoding: String?
    /// The format the body is in.
    public let format: ExpositionFormat
}

extension Registry {
    /// Renders the registry for a request with the given `Accept` and `Accept-Encoding`
    /// headers: the negotiated format, gzip-compressed when the client accepts it.
    ///
    /// Compression uses zlib's fastest level: metrics text shrinks 10–20× even so. If
    /// zlib fails (it can only run out of memory) the body is sent uncompressed.
    public func scrape(accept: String?, acceptEncoding: String?, options: ExpositionOptions = ExpositionOptions()) -> ScrapeResponse {
        let format = ContentNegotiation.format(forAccept: accept)
        var buffer = ExpositionBuffer(capacity: 64 * 1024)
        expose(format: format, options: options, into: &buffer)
        if ContentNegotiation.acceptsGzip(acceptEncoding),
           let compressed = try? buffer.withUnsafeBytes({ raw throws(ZlibError) in
               var deflater = try Deflater(format: .gzip, level: .fastest)
               return try deflater.compress(raw)
           }) {
            return ScrapeResponse(body: compressed, contentType: format.contentType, contentEncoding: "gzip", format: format)
        }
        return ScrapeResponse(body: buffer.bytes, contentType: format.contentType, contentEncoding: nil, format: format)
    }
}
