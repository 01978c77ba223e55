/// Something that can go wrong with a response, as the real exchange or the network does it.
///
/// Faults are either *replacing* (the response becomes an error instead of the endpoint's
/// answer: ``rateLimited``, ``requestTimeout``, ``serverTimeout``, ``httpStatus(_:)``) or
/// *modifying* (the endpoint's answer is delivered badly: the rest). When several replacing
/// rules fire for one request, the first in rule order wins.
public enum Fault: Sendable, Hashable, CustomStringConvertible {
    /// HTTP 200, `retCode` 10006 `Too many visits. Exceeded the API Rate Limit.`, no
    /// `X-Bapi-*` headers unless ``BapiHeaders/includeOnRateLimited`` (as observed on
    /// public klines).
    case rateLimited
    /// HTTP 200, `retCode` 10016 `Request timeout, please try again later` (retryable).
    case requestTimeout
    /// HTTP 200, `retCode` 5004 `Server Timeout` with `"result":null`.
    case serverTimeout
    /// An HTTP error status with a short plain-text body, e.g. 429 (system-level frequency
    /// protection), 500, 502, 503 or 504. Must be in 400…599 and not 403 (403 is the IP ban,
    /// see ``IPRateLimit``).
    case httpStatus(Int)
    /// An HTML error page with this status instead of JSON, as a proxy, load balancer or
    /// captive portal sends it: `Content-Type: text/html`, a short `<html>` body. Must be in
    /// 200…599 and not 403.
    case htmlPage(Int)
    /// Reset the TCP connection (RST): before sending anything when `afterBodyBytes` is
    /// `nil`, otherwise after the headers and that many body bytes.
    case connectionReset(afterBodyBytes: Int?)
    /// Send the headers (announcing the full length) and only `afterBytes` body bytes, then
    /// close the connection normally: the client sees a premature end of body.
    case truncatedBody(afterBytes: Int)
    /// A complete HTTP response whose JSON is cut in half (the length header matches the cut
    /// body), so only parsing fails.
    case malformedJSON
    /// Send the body in chunks of `chunkBytes`, pausing `pause` before each chunk after the first.
    case slowBody(chunkBytes: Int, pause: Duration)
    /// Wait `duration` more before sending the headers (on top of ``Latency``).
    case delay(Duration)

    /// A fault's kind without its parameters, for statistics.
    public enum Kind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// ``Fault/rateLimited``.
        case rateLimited
        /// ``Fault/requestTimeout``.
        case requestTimeout
        /// ``Fault/serverTimeout``.
        case serverTimeout
        /// ``Fault/httpStatus(_:)``.
        case httpStatus
        /// ``Fault/htmlPage(_:)``.
        case htmlPage
        /// ``Fault/connectionReset(afterBodyBytes:)``.
        case connectionReset
        /// ``Fault/truncatedBody(afterBytes:)``.
        case truncatedBody
        /// ``Fault/malformedJSON``.
        case malformedJSON
        /// ``Fault/slowBody(chunkBytes:pause:)``.
        case slowBody
        /// ``Fault/delay(_:)``.
        case delay

        /// The kind's name, e.g. `rateLimited`.
        public var description: String { rawValue }
    }

    /// This fault's kind.
    public var kind: Kind {
        switch self {
        case .rateLimited: .rateLimited
        case .requestTimeout: .requestTimeout
        case .serverTimeout: .serverTimeout
        case .httpStatus: .httpStatus
        case .htmlPage: .htmlPage
        case .connectionReset: .connectionReset
        case .truncatedBody: .truncatedBody
        case .malformedJSON: .malformedJSON
        case .slowBody: .slowBody
        case .delay: .delay
        }
    }

    /// Whether the fault replaces the endpoint's answer.
    public var isReplacing: Bool {
        switch self {
        case .rateLimited, .requestTimeout, .serverTimeout, .httpStatus, .htmlPage: true
        default: false
        }
    }

    /// E.g. `httpStatus(503)`.
    public var description: String {
        switch self {
        case .httpStatus(let status): "httpStatus(\(status))"
        case .htmlPage(let status): "htmlPage(\(status))"
        case .connectionReset(let bytes): "connectionReset(afterBodyBytes: \(bytes.map(String.init) ?? "nil"))"
        case .truncatedBody(let bytes): "truncatedBody(afterBytes: \(bytes))"
        case .slowBody(let chunk, let pause): "slowBody(chunkBytes: \(chunk), pause: \(pause))"
        case .delay(let duration): "delay(\(duration))"
        default: kind.rawValue
        }
    }

    func validate(subject: String) throws(SimulatorConfigurationError) {
        func fail(_ message: String) -> SimulatorConfigurationError {
            SimulatorConfigurationError(.invalidBehavior, subject: subject, message)
        }
        switch self {
        case .httpStatus(let status):
            guard (400...599).contains(status), status != 403 else {
                throw fail("httpStatus(\(status)) must be in 400…599 and not 403 (configure IP bans with ipRateLimit)")
            }
        case .htmlPage(let status):
            guard (200...599).contains(status), status != 403 else {
                throw fail("htmlPage(\(status)) must be in 200…599 and not 403 (configure IP bans with ipRateLimit)")
            }
        case .connectionReset(let bytes?) where bytes < 0, .truncatedBody(let bytes) where bytes < 0:
            throw fail("\(self): the byte count must not be negative")
        case .slowBody(let chunk, let pause) where chunk < 1 || pause < .zero:
            throw fail("\(self): chunkBytes must be at least 1 and pause not negative")
        case .delay(let duration) where duration < .zero:
            throw fail("\(self): the delay must not be negative")
        default:
            return
        }
    }
}
