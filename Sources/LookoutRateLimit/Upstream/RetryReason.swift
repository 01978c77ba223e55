/// Why a request is being retried; a bounded set, usable as a metric label.
public enum RetryReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The upstream throttled the caller (Bybit retCode 10006: too many visits).
    case rateLimited
    /// The upstream reported a transient problem of its own (Bybit retCode 10000, 10016, 5004).
    case serverBusy
    /// HTTP 5xx.
    case serverError
    /// HTTP 429: system-level frequency protection.
    case tooManyRequests
    /// The transfer timed out.
    case timeout
    /// The connection failed, broke or the body was truncated.
    case connection
    /// The body was not the JSON the upstream documents (often a proxy's error page).
    case malformedResponse

    public var description: String { rawValue }
}
