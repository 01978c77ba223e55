/// What a limiter decided for one request under one ``RateLimit``.
///
/// The fields map onto the IETF `RateLimit` header: ``remaining`` is `r` and
/// ``resetAfter`` is `t`. A value type; `Sendable`.
public struct RateLimitDecision: Sendable, Hashable {
    /// Whether the request is admitted (and was counted).
    public var isAllowed: Bool
    /// The limit the decision was made against (the effective one for adaptive policies).
    public var limit: Int
    /// Requests still admitted now, after this one; `0` when denied.
    public var remaining: Int
    /// Microseconds until the quota resets: for the sliding window, the end of the current
    /// window; for GCRA, until the bucket is full again. Never shorter than
    /// ``retryAfterMicroseconds`` when denied.
    public var resetAfterMicroseconds: Int64
    /// When denied: microseconds until a request of the same cost would be admitted
    /// (at least 1). `0` when allowed.
    public var retryAfterMicroseconds: Int64

    /// A decision with the given values.
    public init(isAllowed: Bool, limit: Int, remaining: Int, resetAfterMicroseconds: Int64, retryAfterMicroseconds: Int64) {
        self.isAllowed = isAllowed
        self.limit = limit
        self.remaining = remaining
        self.resetAfterMicroseconds = resetAfterMicroseconds
        self.retryAfterMicroseconds = retryAfterMicroseconds
    }

    /// ``resetAfterMicroseconds`` as a duration.
    public var resetAfter: Duration { .microseconds(resetAfterMicroseconds) }

    /// ``retryAfterMicroseconds`` as a duration, `nil` when allowed.
    public var retryAfter: Duration? { isAllowed ? nil : .microseconds(retryAfterMicroseconds) }

    /// Whole seconds until reset, rounded up (the header's `t`).
    public var resetAfterSeconds: Int64 { (resetAfterMicroseconds + 999_999) / 1_000_000 }

    /// Whole seconds for a `Retry-After` header: rounded up and never below 1.
    public var retryAfterSeconds: Int64 { max(1, (retryAfterMicroseconds + 999_999) / 1_000_000) }

    /// An admission that counted nothing, used when a limit does not apply or a backend
    /// fails open.
    static func unlimited(limit: Int) -> RateLimitDecision {
        RateLimitDecision(isAllowed: true, limit: limit, remaining: limit, resetAfterMicroseconds: 0, retryAfterMicroseconds: 0)
    }
}
