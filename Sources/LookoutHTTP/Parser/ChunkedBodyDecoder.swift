/// An incremental decoder for `Transfer-Encoding: chunked` bodies (RFC 9112 §7.1).
///
/// Feed it every unconsumed byte after the head; it appends chunk data to the body,
/// reports how many input bytes it used, and sets ``isComplete`` after the last chunk and
/// its trailer section. Chunk extensions are skipped and trailer fields discarded; both
/// are size-limited. Chunk sizes are checked against the body limit before any of the
/// chunk is read, so a huge declared chunk is refused at once.
struct ChunkedBodyDecoder: Sendable {
    private enum State: Sendable, Equatable {
        case size, chunkExtension, sizeLF, data(remaining: Int), dataCR, dataLF
        case trailerLineStart, trailerLine, trailerLF, finalLF, complete
    }

    private let maxBodySize: Int
    private let maxTrailerSize: Int
    private var state = State.size
    private var size = 0
    private var significantDigits = 0
    private var sawDigit = false
    private var extensionLength = 0
    private var trailerSize = 0

    /// The longest chunk extension accepted on one chunk-size line.
    static let maxExtensionLength = 1024
    /// Hex digits beyond leading zeros; 15 keep every size representable.
    private static let maxSignificantDigits = 15

    /// A decoder that refuses bodies over `maxBodySize` (413) and trailers over `maxTrailerSize` (431).
    init(maxBodySize: Int, maxTrailerSize: Int) {
        self.maxBodySize = maxBodySize
        self.maxTrailerSize = maxTrailerSize
    }

    /// Whether the final chunk and trailer section have been read.
    var isComplete: Bool { state == .complete }

    /// Decodes as much of `input` as possible, appending chunk data to `body`.
    ///
    /// - Returns: How many bytes of `input` were consumed. Bytes after the end of the body
    ///   (a pipelined request) are never consumed.
    mutating func decode(_ input: UnsafeRawBufferPointer, into body: inout [UInt8]) throws(HTTPParseError) -> Int {
        var index = 0
        while index < input.count, state != .complete {
            if case .data(let remaining) = state {
                let take = min(remaining, input.count - index)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<(index + take)]))
                index += take
                state = remaining == take ? .dataCR : .data(remaining: remaining - take)
                continue
            }
            try step(input[index], bodySize: body.count)
            index += 1
        }
        return index
    }

    /// Advances the framing state machine by one byte outside chunk data.
    private mutating func step(_ byte: UInt8, bodySize: Int) throws(HTTPParseError) {
        switch state {
        case .size:
            if let digit = ASCII.hexValue(byte) {
                sawDigit = true
                if size > 0 || digit > 0 { significantDigits += 1 }
                guard significantDigits <= Self.maxSignificantDigits else { throw tooLarge() }
                size = size << 4 | digit
            } else if sawDigit, byte == ASCII.cr {
                state = .sizeLF
            } else if sawDigit, byte == ASCII.semicolon || ASCII.isWhitespace(byte) {
                state = .chunkExtension
            } else {
                throw .malformed("a chunk size is not a hexadecimal number")
            }
        case .chunkExtension:
            if byte == ASCII.cr {
                state = .sizeLF
            } else {
                extensionLength += 1
                guard extensionLength <= Self.maxExtensionLength, ASCII.isFieldValueByte(byte) else {
                    throw .malformed("a chunk extension is too long or contains a control character")
                }
            }
        case .sizeLF:
            guard byte == ASCII.lf else { throw .malformed("a chunk size line does not end in CRLF") }
            if size == 0 {
                state = .trailerLineStart
            } else {
                guard size <= maxBodySize - bodySize else { throw tooLarge() }
                state = .data(remaining: size)
            }
        case .dataCR:
            guard byte == ASCII.cr else { throw .malformed("chunk data is longer than its declared size") }
            state = .dataLF
        case .dataLF:
            guard byte == ASCII.lf else { throw .malformed("chunk data is not followed by CRLF") }
            state = .size
            size = 0
            significantDigits = 0
            sawDigit = false
            extensionLength = 0
        case .trailerLineStart:
            state = byte == ASCII.cr ? .finalLF : .trailerLine
            try countTrailerByte(byte)
        case .trailerLine:
            if byte == ASCII.cr { state = .trailerLF }
            try countTrailerByte(byte)
        case .trailerLF:
            guard byte == ASCII.lf else { throw .malformed("a trailer line does not end in CRLF") }
            state = .trailerLineStart
        case .finalLF:
            guard byte == ASCII.lf else { throw .malformed("the chunked body does not end in CRLF") }
            state = .complete
        case .data, .complete:
            preconditionFailure("chunk data and completion are handled by decode(_:into:)")
        }
    }

    private mutating func countTrailerByte(_ byte: UInt8) throws(HTTPParseError) {
        trailerSize += 1
        guard trailerSize <= maxTrailerSize else {
            throw HTTPParseError(.headersTooLarge, "the chunked trailer section is larger than \(maxTrailerSize) bytes")
        }
        guard byte == ASCII.cr || ASCII.isFieldValueByte(byte) else {
            throw .malformed("a trailer field contains a control character")
        }
    }

    private func tooLarge() -> HTTPParseError {
        HTTPParseError(.bodyTooLarge, "the chunked body is larger than the limit of \(maxBodySize) bytes")
    }
}
