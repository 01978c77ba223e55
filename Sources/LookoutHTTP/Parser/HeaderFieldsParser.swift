/// Parses header field lines one at a time and derives the framing and connection
/// semantics the server needs (RFC 9112 §5–§7, RFC 9110 §7.6 and §10.1.1).
///
/// The rules that guard against request smuggling live here: `Content-Length` together
/// with `Transfer-Encoding` is rejected, differing `Content-Length` values are rejected
/// (identical repeats are allowed, as RFC 9110 §8.6 permits), `Transfer-Encoding` must be
/// exactly `chunked`, and HTTP/1.0 requests may not use it at all.
struct HeaderFieldsParser {
    /// What the head says about the body and the connection.
    struct Semantics {
        var framing: BodyFraming
        var keepAlive: Bool
        var expectsContinue: Bool
    }

    private let version: HTTPVersion
    private let limits: HTTPRequestLimits
    /// The fields parsed so far.
    private(set) var headers: HTTPHeaders

    private var contentLength: Int?
    private var transferEncodingSeen = false
    private var chunkedCount = 0
    private var unsupportedCoding: String?
    private var hostCount = 0
    private var closeRequested = false
    private var keepAliveRequested = false
    private var expectsContinue = false

    init(version: HTTPVersion, limits: HTTPRequestLimits) {
        self.version = version
        self.limits = limits
        headers = HTTPHeaders(reservingCapacity: 8)
    }

    /// Parses one `name: value` line (without its CRLF).
    mutating func parseLine(_ line: UnsafeRawBufferPointer) throws(HTTPParseError) {
        guard headers.count < limits.maxHeaderCount else {
            throw HTTPParseError(.headersTooLarge, "more than \(limits.maxHeaderCount) header fields; send fewer")
        }
        guard let first = line.first, !ASCII.isWhitespace(first) else {
            throw .malformed("a header line starts with whitespace (obsolete line folding is not accepted)")
        }
        var colon = 0
        while colon < line.count, ASCII.isTokenChar(line[colon]) { colon += 1 }
        guard colon > 0, colon < line.count, line[colon] == ASCII.colon else {
            throw .malformed("a header line is not 'Name: value' (the name must be a token directly followed by ':')")
        }
        let name = UnsafeRawBufferPointer(rebasing: line[0..<colon])
        let value = ASCII.trimmingWhitespace(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))
        var isASCII = true
        for byte in value {
            guard ASCII.isFieldValueByte(byte) else {
                throw .malformed("header '\(ASCII.string(name))' contains a control character (NUL, CR, LF or DEL)")
            }
            if byte >= 0x80 { isASCII = false }
        }
        let valueString: String
        if isASCII {
            valueString = ASCII.string(value)
        } else if let decoded = String(validating: value, as: UTF8.self) {
            valueString = decoded
        } else {
            throw .malformed("header '\(ASCII.string(name))' is not valid UTF-8")
        }
        try interpret(name: name, value: value)
        headers.add(ASCII.string(name), valueString)
    }

    /// Applies the fields that affect framing or the connection.
    private mutating func interpret(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws(HTTPParseError) {
        switch name.count {
        case 4 where ASCII.equalsIgnoringCase(name, "host"):
            hostCount += 1
        case 6 where ASCII.equalsIgnoringCase(name, "expect"):
            guard ASCII.equalsIgnoringCase(value, "100-continue") else {
                throw HTTPParseError(.expectationFailed, "only 'Expect: 100-continue' is supported")
            }
            expectsContinue = true
        case 10 where ASCII.equalsIgnoringCase(name, "connection"):
            ASCII.forEachListElement(value) { token in
                if ASCII.equalsIgnoringCase(token, "close") { closeRequested = true }
                if ASCII.equalsIgnoringCase(token, "keep-alive") { keepAliveRequested = true }
            }
        case 14 where ASCII.equalsIgnoringCase(name, "content-length"):
            try parseContentLength(value)
        case 17 where ASCII.equalsIgnoringCase(name, "transfer-encoding"):
            transferEncodingSeen = true
            ASCII.forEachListElement(value) { coding in
                if ASCII.equalsIgnoringCase(coding, "chunked") {
                    chunkedCount += 1
                } else if unsupportedCoding == nil {
                    unsupportedCoding = ASCII.string(UnsafeRawBufferPointer(rebasing: coding.prefix(64)))
                }
            }
        default:
            break
        }
    }

    /// `Content-Length = 1*DIGIT`, possibly repeated as a list (`5, 5`); all values must agree.
    private mutating func parseContentLength(_ value: UnsafeRawBufferPointer) throws(HTTPParseError) {
        var elements = 0
        var failure: HTTPParseError?
        ASCII.forEachListElement(value) { element in
            elements += 1
            // Values too large to represent saturate: they exceed any body limit anyway.
            var length = 0
            for byte in element {
                guard (0x30...0x39).contains(byte) else {
                    failure = .malformed("Content-Length must be a non-negative decimal integer")
                    return
                }
                length = length > Self.saturatedLength / 10 ? Self.saturatedLength : min(Self.saturatedLength, length * 10 + Int(byte - 0x30))
            }
            if let previous = contentLength, previous != length {
                failure = .malformed("the request has differing Content-Length values")
            }
            contentLength = length
        }
        if let failure { throw failure }
        guard elements > 0 else { throw .malformed("Content-Length is empty") }
    }

    private static let saturatedLength = Int(Int32.max) * 1024

    /// The request's framing and connection semantics, once every line has been parsed.
    func finish() throws(HTTPParseError) -> Semantics {
        if version == .http1_1, hostCount != 1 {
            throw .malformed(hostCount == 0
                ? "HTTP/1.1 requests must carry a Host header"
                : "the request has \(hostCount) Host headers; send exactly one")
        }
        if hostCount > 1 { throw .malformed("the request has \(hostCount) Host headers; send at most one") }

        let framing: BodyFraming
        if transferEncodingSeen {
            guard contentLength == nil else {
                throw .malformed("the request has both Content-Length and Transfer-Encoding; send only one")
            }
            guard version == .http1_1 else { throw .malformed("Transfer-Encoding is not allowed in HTTP/1.0 requests") }
            if let unsupportedCoding {
                throw HTTPParseError(
                    .transferCodingNotImplemented, "transfer coding '\(unsupportedCoding)' is not implemented; use 'chunked'")
            }
            guard chunkedCount == 1 else {
                throw .malformed(chunkedCount == 0
                    ? "Transfer-Encoding is empty"
                    : "Transfer-Encoding lists 'chunked' more than once")
            }
            framing = .chunked
        } else if let contentLength, contentLength > 0 {
            guard contentLength <= limits.maxBodySize else {
                throw HTTPParseError(
                    .bodyTooLarge, "the body is \(contentLength) bytes; the limit is \(limits.maxBodySize)")
            }
            framing = .contentLength(contentLength)
        } else {
            framing = .none
        }
        let keepAlive = version == .http1_1 ? !closeRequested : keepAliveRequested && !closeRequested
        return Semantics(
            framing: framing,
            keepAlive: keepAlive,
            expectsContinue: expectsContinue && version == .http1_1 && framing != .none)
    }
}
