/// Why a request is being retried; a bounded set, usable as a metric label.
public enum RetryReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// retCode 10006: too many visits.
    case rateLimited
    /// retCode 10000, 10016 or 5004: server timeout or error.
    case serverBusy
    /// HTTP 5xx.
    case serverError
    /// HTTP 429: system-level frequency protection.
    case tooManyRequests
    /// The transfer timed out.
    case timeout
    /// The connection failed, broke or the body was truncated.
    case connection
    /// The body was not valid Bybit JSON (often a proxy's error page).
    case malformedResponse

    public var description: String { rawValue }
}

/// How failed requests are retried: capped exponential backoff with jitter and a bounded
/// number of attempts. Parameter errors (retCode 10001), other 4xx statuses and IP bans
/// (403) are never retried.
///
/// The delay before retry `n` (n = 1 for the first retry) is drawn uniformly from
/// `[d/2, d]` where `d = min(maxDelay, baseDelay × 2^(n-1))`: the random half spreads
/// clients apart, the fixed half guarantees a real pause. For 10006 the base is
/// ``rateLimitDelay``, or the time until `X-Bapi-Limit-Reset-Timestamp` when Bybit sends it.
public struct RetryPolicy: Sendable, Hashable {
    /// Total tries including the first (1 disables retries).
    public var maxAttempts: Int
    /// Backoff base for server and transport failures.
    public var baseDelay: Duration
    /// Upper bound for any computed backoff.
    public var maxDelay: Duration
    /// Backoff base after retCode 10006 when no reset timestamp is given.
    public var rateLimitDelay: Duration

    /// Creates a policy. The defaults try 5 times over roughly 4–8 s of server failures.
    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(10),
                rateLimitDelay: Duration = .seconds(1)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.rateLimitDelay = rateLimitDelay
    }

    /// Never retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The pause before the retry that follows failed attempt `attempt` (1-based), or
    /// `nil` when attempts are used up. `resetAfter` is the server's own hint for 10006.
    func delay(after attempt: Int, reason: RetryReason, resetAfter: Duration?,
               using random: inout some RandomNumberGenerator) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        if reason == .rateLimited, let resetAfter {
            // Wait out the server's window, plus up to 250 ms so clients do not return at once.
            let jitter = Duration.milliseconds(Int64.random(in: 0...250, using: &random))
            return min(max(resetAfter, .milliseconds(50)) + jitter, max(maxDelay, .seconds(60)))
        }
        let base = reason == .rateLimited ? rateLimitDelay : baseDelay
        var ceiling = base
        for _ in 1..<attempt where ceiling < maxDelay { ceiling *= 2 }
        ceiling = min(ceiling, maxDelay)
        let nanos = Self.nanoseconds(ceiling)
        let drawn = Int64.random(in: (nanos / 2)...max(nanos / 2, nanos), using: &random)
        return .nanoseconds(drawn)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
