@testable import LookoutBybit
import LookoutRateLimit
import LookoutTesting
import Testing

/// `RetryPolicy.decide` is pure: these tables drive it with manual instants.
@Suite struct RetryPolicyTests {
    typealias Instant = ManualClock.Instant
    static let start = Instant(offset: .seconds(100))
    static func at(_ milliseconds: Int64) -> Instant { start.advanced(by: .milliseconds(milliseconds)) }
    static let policy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .seconds(2),
                                    rateLimitDelay: .seconds(1), deadline: .seconds(30))

    @Test("decisions", arguments: [
        // outcome, transient retries so far, rate-limit waits so far, now (ms after start), jitter, expected
        (UpstreamOutcome.success, 0, 0, Int64(0), 0.0, RetryDecision.succeed),
        (.success, 3, 9, 29_999, 1.0, .succeed),
        (.rejected, 0, 0, 0, 0.5, .failFast(.notRetryable)),
        (.banned, 0, 0, 0, 0.5, .failFast(.banned)),
        (.cancelled, 1, 0, 0, 0.5, .failFast(.cancelled)),
        // Transient: [d/2, d], d = 100 ms × 2^(n-1), capped at 2 s.
        (.transient(.serverError), 0, 0, 0, 0.0, .retry(after: .milliseconds(50), reason: .serverError)),
        (.transient(.serverError), 0, 0, 0, 1.0, .retry(after: .milliseconds(100), reason: .serverError)),
        (.transient(.timeout), 1, 0, 0, 1.0, .retry(after: .milliseconds(200), reason: .timeout)),
        (.transient(.connection), 2, 0, 0, 0.5, .retry(after: .milliseconds(300), reason: .connection)),
        (.transient(.serverBusy), 3, 0, 0, 0.5, .failFast(.attemptsExhausted)),
        // Throttling answers never use up attempts...
        (.transient(.tooManyRequests), 0, 50, 0, 1.0, .retry(after: .milliseconds(100), reason: .tooManyRequests)),
        (.rateLimited(resetAfter: nil), 3, 0, 0, 0.0, .waitForBudget(pause: .milliseconds(500))),
        (.rateLimited(resetAfter: nil), 0, 1, 0, 1.0, .waitForBudget(pause: .seconds(2))),
        (.rateLimited(resetAfter: nil), 0, 40, 0, 1.0, .waitForBudget(pause: .seconds(2))),
        (.rateLimited(resetAfter: .milliseconds(1500)), 0, 0, 0, 1.0, .waitForBudget(pause: .milliseconds(1750))),
        (.rateLimited(resetAfter: .milliseconds(10)), 0, 0, 0, 0.0, .waitForBudget(pause: .milliseconds(50))),
        // ...but the deadline bounds them, and transient retries too.
        (.rateLimited(resetAfter: nil), 0, 5, 28_000, 1.0, .waitForBudget(pause: .seconds(2))),
        (.rateLimited(resetAfter: nil), 0, 5, 28_001, 1.0, .failFast(.deadlineExceeded)),
        (.transient(.malformedResponse), 0, 0, 29_950, 1.0, .failFast(.deadlineExceeded)),
    ] as [(UpstreamOutcome, Int, Int, Int64, Double, RetryDecision)])
    func decisions(outcome: UpstreamOutcome, retries: Int, waits: Int, now: Int64, jitter: Double, expected: RetryDecision) {
        let attempt = RetryAttempt(started: Self.start, transientRetries: retries, rateLimitWaits: waits)
        #expect(Self.policy.decide(outcome, attempt: attempt, now: Self.at(now), jitter: jitter) == expected)
    }

    @Test("backoff doubles, is capped and stays within [d/2, d]", arguments: RetryReason.allCases.filter { $0 != .rateLimited })
    func backoffBounds(reason: RetryReason) {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(2))
        let ceilings: [Duration] = [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600), .seconds(2), .seconds(2), .seconds(2), .seconds(2)]
        var attempt = RetryAttempt(started: Self.start)
        for ceiling in ceilings {
            for jitter in stride(from: 0.0, through: 1.0, by: 0.125) {
                guard case .retry(let delay, let why) = policy.decide(.transient(reason), attempt: attempt, now: Self.start, jitter: jitter) else {
                    Issue.record("expected a retry at \(attempt)"); return
                }
                #expect(why == reason)
                #expect(delay >= ceiling / 2 && delay <= ceiling, "retry \(attempt.transientRetries + 1): \(delay)")
            }
            attempt = attempt.after(.retry(after: .zero, reason: reason))
        }
        #expect(policy.decide(.transient(reason), attempt: attempt, now: Self.start, jitter: 0.5) == .failFast(.attemptsExhausted))
    }

    @Test func attemptCountsFollowTheDecisions() {
        var attempt = RetryAttempt(started: Self.start)
        #expect(attempt.sent == 1)
        attempt = attempt.after(.waitForBudget(pause: .seconds(1)))
        attempt = attempt.after(.retry(after: .seconds(1), reason: .timeout))
        attempt = attempt.after(.failFast(.banned))
        #expect(attempt == RetryAttempt(started: Self.start, transientRetries: 1, rateLimitWaits: 1))
        #expect(attempt.sent == 3)
    }

    @Test func noneNeverRetries() {
        let attempt = RetryAttempt(started: Self.start)
        #expect(RetryPolicy.none.decide(.transient(.timeout), attempt: attempt, now: Self.start, jitter: 0.5) == .failFast(.attemptsExhausted))
        #expect(RetryPolicy.none.decide(.rateLimited(resetAfter: nil), attempt: attempt, now: Self.start, jitter: 0.5) == .failFast(.deadlineExceeded))
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test("reset header handling", arguments: [
        ("1700000001500", Int64(1700000000000), Duration?.some(.milliseconds(1500))),
        ("1700000000000", Int64(1700000000000), nil), // "just the current timestamp": no wait
        ("1699999999000", Int64(1700000000000), nil),
        ("1700000900000", Int64(1700000000000), .seconds(60)), // capped
        ("soon", Int64(1700000000000), nil),
    ] as [(String, Int64, Duration?)])
    func resetHeader(header: String, serverTime: Int64, expected: Duration?) {
        #expect(BybitClient.resetDelay(header, serverTime: serverTime) == expected)
        #expect(BybitClient.resetDelay(nil, serverTime: serverTime) == nil)
    }
}
