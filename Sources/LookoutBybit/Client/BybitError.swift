import LookoutCurl

/// A failed Bybit call: what went wrong, what the exchange said, and which request it was.
///
/// ``code`` is bounded and stable, so it is safe to use as a metric label. The other fields
/// are filled in when known: ``retCode``/``retMsg`` from the exchange's envelope,
/// ``httpStatus``, the ``symbol`` and the ``request`` line (`GET https://…`), how many
/// ``attempts`` were made, and the ``transport`` failure from libcurl.
public struct BybitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded classification of failures.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Kind: String, Sendable {
            case invalidArgument, invalidConfiguration, badRequest, rateLimited, ipBanned, serverBusy
            case httpStatus, transport, timeout, malformedResponse, apiError, noData, cancelled
        }
        fileprivate let kind: Kind

        /// A parameter was rejected before sending (unknown interval, limit out of range,
        /// `from` after `to`, a category the endpoint does not serve…). Fix the call.
        public static let invalidArgument = Code(kind: .invalidArgument)
        /// The client configuration is invalid (for example a malformed base URL).
        public static let invalidConfiguration = Code(kind: .invalidConfiguration)
        /// Bybit rejected the parameters (`retCode` 10001, such as "Not supported symbols").
        /// Never retried.
        public static let badRequest = Code(kind: .badRequest)
        /// Bybit kept answering `retCode` 10006 (too many visits) after every retry.
        public static let rateLimited = Code(kind: .rateLimited)
        /// HTTP 403: Bybit banned this IP (rate limit breached, or a U.S. IP). Requests to
        /// that host fail fast until the cool-down ends; do not retry sooner.
        public static let ipBanned = Code(kind: .ipBanned)
        /// Bybit reported a transient server problem (`retCode` 10000, 10016 or 5004) or
        /// HTTP 5xx/429 on every attempt.
        public static let serverBusy = Code(kind: .serverBusy)
        /// An HTTP status the client does not retry (404, 400…).
        public static let httpStatus = Code(kind: .httpStatus)
        /// The request did not complete: connection refused or lost, truncated body, DNS…
        public static let transport = Code(kind: .transport)
        /// The request timed out on every attempt.
        public static let timeout = Code(kind: .timeout)
        /// The body was not the JSON Bybit documents: an HTML page, truncated or malformed
        /// JSON, a missing field, or a value that is not a number.
        public static let malformedResponse = Code(kind: .malformedResponse)
        /// Any other non-zero `retCode`; see ``BybitError/retCode`` and ``BybitError/retMsg``.
        public static let apiError = Code(kind: .apiError)
        /// A range fetch got no candle at all: every page came back empty. The range lies
        /// before the symbol was listed (or after it was delivered), or in the future.
        /// Never retried; check the range against the instrument's `launchTime`.
        public static let noData = Code(kind: .noData)
        /// The calling task was cancelled.
        public static let cancelled = Code(kind: .cancelled)

        public var description: String { kind.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What was wrong and, where possible, how to fix it.
    public var message: String
    /// The exchange's `retCode`, when a Bybit envelope was received.
    public var retCode: Int?
    /// The exchange's `retMsg`, when a Bybit envelope was received.
    public var retMsg: String?
    /// The HTTP status of the last response, when one was received.
    public var httpStatus: Int?
    /// The symbol the call was for, if any.
    public var symbol: String?
    /// The request as `METHOD URL`, when one was built.
    public var request: String?
    /// How many times the request was sent (0 if it never was).
    public var attempts: Int
    /// The transport failure from libcurl, for ``Code/transport`` and ``Code/timeout``.
    public var transport: CurlError?
    /// The attempts before the one this error describes, oldest first, each with its own
    /// code, HTTP status and retCode (``retCode`` and ``httpStatus`` above are always the
    /// final attempt's). Empty when there was one attempt.
    public var earlierAttempts: [Attempt] = []

    /// What one earlier attempt of a call got.
    public struct Attempt: Sendable, Hashable, CustomStringConvertible {
        /// How it failed.
        public var code: Code
        /// Its HTTP status, if a response arrived.
        public var httpStatus: Int?
        /// Its retCode, if an envelope was parsed.
        public var retCode: Int?

        /// Creates an attempt record.
        public init(code: Code, httpStatus: Int? = nil, retCode: Int? = nil) {
            self.code = code
            self.httpStatus = httpStatus
            self.retCode = retCode
        }

        /// The attempt `error` described.
        public init(_ error: BybitError) {
            self.init(code: error.code, httpStatus: error.httpStatus, retCode: error.retCode)
        }

        /// E.g. `rateLimited (HTTP 200, retCode 10006)` or `timeout`.
        public var description: String {
            let details = [httpStatus.map { "HTTP \($0)" }, retCode.map { "retCode \($0)" }].compactMap { $0 }
            return details.isEmpty ? code.description : "\(code) (\(details.joined(separator: ", ")))"
        }
    }

    /// Creates an error; normally only ``BybitClient`` does this.
    public init(code: Code, message: String, retCode: Int? = nil, retMsg: String? = nil, httpStatus: Int? = nil,
                symbol: String? = nil, request: String? = nil, attempts: Int = 0, transport: CurlError? = nil) {
        self.code = code
        self.message = message
        self.retCode = retCode
        self.retMsg = retMsg
        self.httpStatus = httpStatus
        self.symbol = symbol
        self.request = request
        self.attempts = attempts
        self.transport = transport
    }

    public var description: String {
        var parts: [String] = []
        if let retCode { parts.append("retCode \(retCode)" + (retMsg.map { " \"\($0)\"" } ?? "")) }
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let symbol { parts.append("symbol \(symbol)") }
        if attempts > 1 { parts.append("after \(attempts) attempts") }
        if !earlierAttempts.isEmpty { parts.append("earlier: " + earlierAttempts.map(\.description).joined(separator: "; ")) }
        if let request { parts.append(request) }
        let context = parts.isEmpty ? "" : " [" + parts.joined(separator: ", ") + "]"
        return "Bybit \(code): \(message)\(context)"
    }
}
