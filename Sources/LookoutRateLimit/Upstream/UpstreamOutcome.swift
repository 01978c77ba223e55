/// What one attempt to call an upstream produced, in the terms a ``RetryPolicy`` decides
/// on. The upstream's client maps its own answers (HTTP statuses, Bybit retCodes,
/// transport errors) to one of these.
public enum UpstreamOutcome: Sendable, Hashable {
    /// The call succeeded.
    case success
    /// The upstream throttled the caller (Bybit retCode 10006). `resetAfter` is how long
    /// until its window resets, when it said.
    case rateLimited(resetAfter: Duration?)
    /// A failure worth retrying: a server error, a timeout, a broken connection, a
    /// malformed body.
    case transient(RetryReason)
    /// The upstream banned the caller (HTTP 403). Every request must stop for the cool-down.
    case banned
    /// The request itself is wrong (a bad parameter, an unknown path); retrying cannot help.
    case rejected
    /// The caller cancelled.
    case cancelled
}

/// The attempts of one call so far, as a ``RetryPolicy`` needs them: when it started and
/// how many retries of each kind it has had.
public struct RetryAttempt<Instant: InstantProtocol>: Sendable, Hashable where Instant.Duration == Duration {
    /// When the call started (its first admission).
    public var started: Instant
    /// Transient failures retried so far (each counts against ``RetryPolicy/maxAttempts``).
    public var transientRetries: Int
    /// Throttling answers waited out so far (they count only against the deadline).
    public var rateLimitWaits: Int

    /// A call that started at `started` and has not failed yet.
    public init(started: Instant, transientRetries: Int = 0, rateLimitWaits: Int = 0) {
        self.started = started
        self.transientRetries = transientRetries
        self.rateLimitWaits = rateLimitWaits
    }

    /// Attempts sent so far, including the one being decided on.
    public var sent: Int { transientRetries + rateLimitWaits + 1 }

    /// The attempt counts after executing `decision`.
    public func after(_ decision: RetryDecision) -> RetryAttempt {
        var next = self
        switch decision {
        case .retry: next.transientRetries += 1
        case .waitForBudget: next.rateLimitWaits += 1
        case .succeed, .failFast: break
        }
        return next
    }
}
