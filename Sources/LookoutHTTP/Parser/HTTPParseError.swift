/// Why a request could not be parsed, with the HTTP status the server answers it with.
///
/// `code` is bounded, so it is safe to count errors by it; `message` says what was wrong
/// in words a client developer can act on, and becomes the `detail` of the
/// `application/problem+json` response. The connection is closed after such a response,
/// because the request's framing can no longer be trusted.
public struct HTTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded classification of request errors.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String, Sendable {
            case malformed, requestLineTooLong, headersTooLarge, bodyTooLarge
            case methodNotImplemented, versionNotSupported, transferCodingNotImplemented, expectationFailed
        }
        fileprivate let kind: Kind

        /// The request breaks HTTP/1.1 syntax or framing rules (`400 Bad Request`).
        public static let malformed = Code(kind: .malformed)
        /// The request line exceeds ``HTTPRequestLimits/maxRequestLineLength`` (`414 URI Too Long`).
        public static let requestLineTooLong = Code(kind: .requestLineTooLong)
        /// The head exceeds ``HTTPRequestLimits/maxHeaderSize`` or
        /// ``HTTPRequestLimits/maxHeaderCount`` (`431 Request Header Fields Too Large`).
        public static let headersTooLarge = Code(kind: .headersTooLarge)
        /// The body exceeds ``HTTPRequestLimits/maxBodySize`` (`413 Content Too Large`).
        public static let bodyTooLarge = Code(kind: .bodyTooLarge)
        /// The method is a valid token but not one the server implements (`501 Not Implemented`).
        public static let methodNotImplemented = Code(kind: .methodNotImplemented)
        /// The version is not HTTP/1.0 or HTTP/1.1 (`505 HTTP Version Not Supported`).
        public static let versionNotSupported = Code(kind: .versionNotSupported)
        /// A transfer coding other than `chunked` (`501 Not Implemented`).
        public static let transferCodingNotImplemented = Code(kind: .transferCodingNotImplemented)
        /// An `Expect` value other than `100-continue` (`417 Expectation Failed`).
        public static let expectationFailed = Code(kind: .expectationFailed)

        public var description: String { kind.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// What was wrong and, where it helps, how to fix it.
    public let message: String

    /// Creates an error; normally only the parser does this.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The status code the server answers with.
    public var statusCode: Int {
        switch code.kind {
        case .malformed: 400
        case .requestLineTooLong: 414
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .methodNotImplemented, .transferCodingNotImplemented: 501
        case .versionNotSupported: 505
        case .expectationFailed: 417
        }
    }

    public var description: String { "\(statusCode) \(code): \(message)" }

    static func malformed(_ message: String) -> HTTPParseError { HTTPParseError(.malformed, message) }
}
