/// The state of a client's circuit breaker.
public enum RedisBreakerState: String, Sendable, Hashable, CaseIterable {
    /// Calls go through.
    case closed
    /// Calls fail at once with ``RedisError/breakerOpen(retryAfter:)``.
    case open
    /// One probe call goes through; its outcome closes or reopens the breaker.
    case halfOpen = "half_open"
}
