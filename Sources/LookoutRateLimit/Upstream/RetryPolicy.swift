/// How failed requests to an upstream are retried: capped exponential backoff with jitter,
/// a bounded number of attempts for transient failures, and an overall deadline.
///
/// ``decide(_:attempt:now:jitter:)`` turns one attempt's ``UpstreamOutcome`` into a
/// ``RetryDecision``; the caller only executes decisions. Rejections (a bad parameter, a
/// 4xx status) and bans (HTTP 403) are never retried. A throttling answer (Bybit's 10006)
/// does not use up an attempt: the request waits for the (then smaller) budget and tries
/// again, for as long as the ``deadline`` allows.
///
/// The delay before retry `n` (n = 1 for the first) is drawn from `[d/2, d]` where
/// `d = min(maxDelay, base × 2^(n-1))`: the random half spreads clients apart, the fixed
/// half guarantees a real pause. After a throttling answer the base is
/// ``rateLimitDelay``, or the time until the upstream's reset timestamp when it sends one.
public struct RetryPolicy: Sendable, Hashable {
    /// Total tries including the first for transient failures (1 disables their retries).
    /// Throttling answers do not count.
    public var maxAttempts: Int
    /// Backoff base for server and transport failures.
    public var baseDelay: Duration
    /// Upper bound for any computed backoff.
    public var maxDelay: Duration
    /// Backoff base after a throttling answer when no reset timestamp is given.
    public var rateLimitDelay: Duration
    /// Longest a call may spend from its first send to its last retry, waits included; a
    /// retry that would start later fails the call instead.
    public var deadline: Duration

    /// Creates a policy. The defaults try 5 times over roughly 4–8 s of server failures and
    /// keep waiting out throttling for up to 2 minutes.
    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(10),
                rateLimitDelay: Duration = .seconds(1), deadline: Duration = .seconds(120)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.rateLimitDelay = rateLimitDelay
        self.deadline = max(.zero, deadline)
    }

    /// Never retry (throttling answers included).
    public static let none = RetryPolicy(maxAttempts: 1, deadline: .zero)

    /// The capped exponential backoff before the `n`-th retry of `reason` (n ≥ 1), with
    /// `jitter` in `0...1` choosing a point in `[d/2, d]`.
    func backoff(retry n: Int, reason: RetryReason, jitter: Double) -> Duration {
        let base = reason == .rateLimited ? rateLimitDelay : baseDelay
        var ceiling = base
        for _ in 1..<max(1, n) where ceiling < maxDelay { ceiling *= 2 }
        ceiling = min(ceiling, maxDelay)
        let nanos = Self.nanoseconds(ceiling)
        let fraction = min(1, max(0, jitter))
        return .nanoseconds(nanos / 2 + Int64((Double(nanos - nanos / 2) * fraction).rounded(.down)))
    }

    /// A duration in whole nanoseconds.
    package static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
