/// What to do after one attempt; see ``RetryPolicy/decide(_:attempt:now:jitter:)``.
public enum RetryDecision: Sendable, Hashable {
    /// Done: return the answer.
    case succeed
    /// Send again after `after`.
    case retry(after: Duration, reason: RetryReason)
    /// The upstream throttled us: hold requests to the host for `pause`, shrink the
    /// budget, then send again once the budget admits it. Does not use up an attempt.
    case waitForBudget(pause: Duration)
    /// Stop now and report the attempt's failure.
    case failFast(Why)

    /// Why a call stops without success.
    public enum Why: Sendable, Hashable {
        /// Retrying cannot help (a rejection).
        case notRetryable
        /// The host banned us; nothing may be sent until the cool-down ends.
        case banned
        /// The caller cancelled.
        case cancelled
        /// ``RetryPolicy/maxAttempts`` transient failures in a row.
        case attemptsExhausted
        /// The next retry would start after the ``RetryPolicy/deadline``.
        case deadlineExceeded
    }
}

extension RetryPolicy {
    /// Decides what follows an attempt that produced `outcome`. Pure: the same inputs give
    /// the same decision.
    ///
    /// - Parameters:
    ///   - attempt: the call's attempts before this outcome was known.
    ///   - now: the current instant, on the clock `attempt.started` was read from.
    ///   - jitter: a number in `0...1` choosing where in `[d/2, d]` a backoff falls (draw
    ///     it at random; tests pass fixed values).
    public func decide<Instant: InstantProtocol>(
        _ outcome: UpstreamOutcome, attempt: RetryAttempt<Instant>, now: Instant, jitter: Double
    ) -> RetryDecision where Instant.Duration == Duration {
        let pause: Duration
        switch outcome {
        case .success: return .succeed
        case .rejected: return .failFast(.notRetryable)
        case .banned: return .failFast(.banned)
        case .cancelled: return .failFast(.cancelled)
        case .rateLimited(let resetAfter):
            if let resetAfter {
                // Wait out the server's window, plus up to 250 ms so clients do not return at once.
                pause = min(max(resetAfter, .milliseconds(50)) + .milliseconds(Int64(250 * min(1, max(0, jitter)))), max(maxDelay, .seconds(60)))
            } else {
                pause = backoff(retry: attempt.rateLimitWaits + 1, reason: .rateLimited, jitter: jitter)
            }
            guard attempt.started.advanced(by: deadline) >= now.advanced(by: pause) else { return .failFast(.deadlineExceeded) }
            return .waitForBudget(pause: pause)
        case .transient(let reason):
            guard attempt.transientRetries + 1 < maxAttempts else { return .failFast(.attemptsExhausted) }
            pause = backoff(retry: attempt.transientRetries + 1, reason: reason, jitter: jitter)
            guard attempt.started.advanced(by: deadline) >= now.advanced(by: pause) else { return .failFast(.deadlineExceeded) }
            return .retry(after: pause, reason: reason)
        }
    }
}
