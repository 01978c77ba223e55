/// An incremental, allocation-light parser for HTTP/1.1 request heads.
///
/// It is pure: no sockets, no clocks, no globals; it reads bytes and returns a
/// ``ParsedRequestHead`` or throws an ``HTTPParseError``. That keeps it testable with plain
/// byte arrays and lets `scripts/fuzz-http-parser` compile this folder alone under
/// libFuzzer. Bodies are read by the caller using the head's ``BodyFraming``; chunked
/// bodies through ``ChunkedBodyDecoder``.
///
/// Call ``parseHead(_:)`` with all unconsumed bytes each time more arrive. It remembers how
/// far it has already searched for the end of the head, so a client that trickles its head
/// one byte at a time costs linear, not quadratic, work. Call ``reset()`` after a head is
/// returned or an error is thrown.
///
/// The parser is strict where leniency enables request smuggling or ambiguity: lines end
/// in CRLF only (a bare CR or LF is an error), there is no whitespace before a field
/// name's colon, no obsolete line folding, and `Content-Length` and `Transfer-Encoding` are
/// never accepted together. Blank lines before a request line are skipped (RFC 9112 §2.2).
struct HTTPRequestParser: Sendable {
    /// The limits this parser enforces.
    let limits: HTTPRequestLimits
    /// Bytes at the start of the input already searched for the end of the head.
    private var scanned = 0

    /// A parser enforcing `limits`.
    init(limits: HTTPRequestLimits) { self.limits = limits }

    /// Forgets progress on the current head; call before parsing the next request.
    mutating func reset() { scanned = 0 }

    /// Parses the request head at the start of `bytes`.
    ///
    /// - Returns: The head once its blank line has arrived, or `nil` if more bytes are needed.
    /// - Throws: ``HTTPParseError`` as soon as the bytes cannot become a valid head, even if
    ///   the head is incomplete (garbage, an over-long request line, an over-large head).
    mutating func parseHead(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> ParsedRequestHead? {
        var start = 0
        while start + 1 < bytes.count, bytes[start] == ASCII.cr, bytes[start + 1] == ASCII.lf { start += 2 }

        guard let end = findHeadEnd(bytes, from: start) else {
            try checkIncomplete(bytes, start: start)
            return nil
        }
        scanned = 0
        guard end <= limits.maxHeaderSize else {
            throw HTTPParseError(.headersTooLarge, "request head is \(end) bytes; the limit is \(limits.maxHeaderSize)")
        }
        return try parseCompleteHead(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), length: end)
    }

    /// The index just past the `CRLF CRLF` that ends the head, searching from `start`.
    private mutating func findHeadEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = max(start + 3, scanned)
        while index < bytes.count {
            if bytes[index] == ASCII.lf, bytes[index - 1] == ASCII.cr,
               bytes[index - 2] == ASCII.lf, bytes[index - 3] == ASCII.cr {
                return index + 1
            }
            index += 1
        }
        scanned = max(scanned, bytes.count)
        return nil
    }

    /// Rejects an incomplete head early when it can no longer become valid.
    private func checkIncomplete(_ bytes: UnsafeRawBufferPointer, start: Int) throws(HTTPParseError) {
        // The method token: reject garbage (and absurdly long tokens) without waiting for CRLF.
        var index = start
        while index < bytes.count, ASCII.isTokenChar(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] != ASCII.space {
            // A lone CR at the very end may be the first half of a blank line's CRLF.
            let pendingBlankLine = index == start && index + 1 == bytes.count && bytes[index] == ASCII.cr
            if !pendingBlankLine {
                throw .malformed("the request line must start with a method token followed by a space")
            }
        }
        if index - start > Self.longestMethodToken {
            throw HTTPParseError(.methodNotImplemented, "the method is not one this server implements")
        }
        // The request line: is its CRLF still missing past the limit?
        let lineLimitEnd = min(bytes.count, start + limits.maxRequestLineLength + 1)
        var lineEnded = false
        for position in start..<lineLimitEnd where bytes[position] == ASCII.cr || bytes[position] == ASCII.lf {
            lineEnded = true
            break
        }
        if !lineEnded, bytes.count - start > limits.maxRequestLineLength {
            throw HTTPParseError(
                .requestLineTooLong, "request line is longer than \(limits.maxRequestLineLength) bytes; shorten the URL")
        }
        if bytes.count > limits.maxHeaderSize {
            throw HTTPParseError(
                .headersTooLarge, "request head is larger than \(limits.maxHeaderSize) bytes; send fewer or smaller headers")
        }
    }

    /// Tokens longer than this cannot be an implemented method.
    private static let longestMethodToken = 16

    /// Parses a head whose bytes run from the request line up to and including the final CRLF CRLF.
    private func parseCompleteHead(_ head: UnsafeRawBufferPointer, length: Int) throws(HTTPParseError) -> ParsedRequestHead {
        // Lines are separated by CRLF; the last four bytes are the terminating CRLF CRLF.
        let contentEnd = head.count - 2
        var lineEnd = 0
        while lineEnd + 1 < contentEnd, !(head[lineEnd] == ASCII.cr && head[lineEnd + 1] == ASCII.lf) { lineEnd += 1 }
        guard lineEnd <= limits.maxRequestLineLength else {
            throw HTTPParseError(
                .requestLineTooLong, "request line is \(lineEnd) bytes; the limit is \(limits.maxRequestLineLength)")
        }
        let line = try RequestLine(parsing: UnsafeRawBufferPointer(rebasing: head[0..<lineEnd]))

        var fields = HeaderFieldsParser(version: line.version, limits: limits)
        var lineStart = lineEnd + 2
        while lineStart < contentEnd {
            var end = lineStart
            while !(head[end] == ASCII.cr && head[end + 1] == ASCII.lf) { end += 1 }
            try fields.parseLine(UnsafeRawBufferPointer(rebasing: head[lineStart..<end]))
            lineStart = end + 2
        }
        let semantics = try fields.finish()
        let target = try RequestTarget(parsing: line.target, method: line.method)
        return ParsedRequestHead(
            request: HTTPRequest(
                method: line.method, version: line.version, target: target, headers: fields.headers, body: []),
            framing: semantics.framing,
            keepAlive: semantics.keepAlive,
            expectsContinue: semantics.expectsContinue,
            length: length)
    }
}

/// The three parts of a request line: `method SP request-target SP HTTP-version`.
private struct RequestLine {
    let method: HTTPMethod
    let target: UnsafeRawBufferPointer
    let version: HTTPVersion

    init(parsing line: UnsafeRawBufferPointer) throws(HTTPParseError) {
        var methodEnd = 0
        while methodEnd < line.count, ASCII.isTokenChar(line[methodEnd]) { methodEnd += 1 }
        guard methodEnd > 0, methodEnd < line.count, line[methodEnd] == ASCII.space else {
            throw .malformed("the request line must be 'METHOD /path HTTP/1.1'")
        }
        let targetStart = methodEnd + 1
        var targetEnd = targetStart
        while targetEnd < line.count, line[targetEnd] != ASCII.space { targetEnd += 1 }
        guard targetEnd > targetStart, targetEnd < line.count else {
            throw .malformed("the request line must be 'METHOD /path HTTP/1.1' with single spaces")
        }
        version = try Self.parseVersion(UnsafeRawBufferPointer(rebasing: line[(targetEnd + 1)...]))
        target = UnsafeRawBufferPointer(rebasing: line[targetStart..<targetEnd])
        guard let method = HTTPMethod.parse(UnsafeRawBufferPointer(rebasing: line[0..<methodEnd])) else {
            throw HTTPParseError(
                .methodNotImplemented,
                "method '\(ASCII.string(UnsafeRawBufferPointer(rebasing: line[0..<min(methodEnd, 32)])))' is not implemented; "
                    + "use one of \(HTTPMethod.implemented.map(\.rawValue).joined(separator: ", "))")
        }
        self.method = method
    }

    private static func parseVersion(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPVersion {
        guard bytes.count == 8,
              ASCII.string(UnsafeRawBufferPointer(rebasing: bytes[0..<5])) == "HTTP/",
              bytes[6] == ASCII.dot,
              (0x30...0x39).contains(bytes[5]), (0x30...0x39).contains(bytes[7])
        else {
            throw .malformed("the request line must end in an HTTP version such as 'HTTP/1.1'")
        }
        switch (bytes[5], bytes[7]) {
        case (0x31, 0x31): return .http1_1
        case (0x31, 0x30): return .http1_0
        default:
            throw HTTPParseError(
                .versionNotSupported, "\(ASCII.string(bytes)) is not supported; this server speaks HTTP/1.0 and HTTP/1.1")
        }
    }
}
