/// Parses a whole byte stream of pipelined requests, heads and bodies, the way a
/// connection does, optionally revealing the input a few bytes at a time.
///
/// The server drives the parser incrementally from socket reads; this type replays the
/// same sequence of calls over a buffer so that the fuzzer (`scripts/fuzz-http-parser`)
/// and the fixture replay test can check two properties of the parser on any input: it
/// never crashes (it returns requests or a typed error), and feeding the input in pieces
/// gives the same requests as feeding it at once.
enum RequestStreamParser {
    /// One step of the outcome: a request, an error that ends the stream, or a stream
    /// that ended in the middle of a request.
    enum Outcome: Sendable, Equatable {
        /// A complete request: method, raw target and decoded body length.
        case request(method: HTTPMethod, target: String, bodyLength: Int)
        /// The parser rejected the stream.
        case failed(HTTPParseError)
        /// The input ended before the current request did.
        case incomplete
    }

    /// Parses every request in `input`.
    ///
    /// - Parameter feedSize: Reveal the input this many bytes at a time (`nil`: all at once).
    static func parse(_ input: UnsafeRawBufferPointer, limits: HTTPRequestLimits, feedSize: Int? = nil) -> [Outcome] {
        var outcomes: [Outcome] = []
        var parser = HTTPRequestParser(limits: limits)
        var consumed = 0
        var available = min(input.count, feedSize ?? input.count)

        func reveal() -> Bool {
            guard available < input.count else { return false }
            available = min(input.count, available + (feedSize ?? input.count))
            return true
        }

        while consumed < input.count {
            let head: ParsedRequestHead
            do {
                guard let parsed = try parser.parseHead(UnsafeRawBufferPointer(rebasing: input[consumed..<available])) else {
                    if reveal() { continue }
                    outcomes.append(.incomplete)
                    return outcomes
                }
                head = parsed
            } catch {
                outcomes.append(.failed(error))
                return outcomes
            }
            parser.reset()
            consumed += head.length

            var body: [UInt8] = []
            switch head.framing {
            case .none:
                break
            case .contentLength(let length):
                while available - consumed < length {
                    guard reveal() else {
                        outcomes.append(.incomplete)
                        return outcomes
                    }
                }
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[consumed..<(consumed + length)]))
                consumed += length
            case .chunked:
                var decoder = ChunkedBodyDecoder(maxBodySize: limits.maxBodySize, maxTrailerSize: limits.maxHeaderSize)
                while !decoder.isComplete {
                    do {
                        consumed += try decoder.decode(UnsafeRawBufferPointer(rebasing: input[consumed..<available]), into: &body)
                    } catch {
                        outcomes.append(.failed(error))
                        return outcomes
                    }
                    if !decoder.isComplete, !reveal() {
                        outcomes.append(.incomplete)
                        return outcomes
                    }
                }
            }
            outcomes.append(.request(method: head.request.method, target: head.request.target, bodyLength: body.count))
        }
        return outcomes
    }

    /// Whether two outcome lists describe the same stream: the same requests in the same
    /// order, ending the same way. Error codes may differ, because seeing less input can
    /// reveal a different problem first (an over-long method token before a bad byte).
    static func agree(_ lhs: [Outcome], _ rhs: [Outcome]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (left, right) in zip(lhs, rhs) {
            switch (left, right) {
            case (.failed, .failed), (.incomplete, .incomplete): continue
            default: if left != right { return false }
            }
        }
        return true
    }
}
