@testable import LookoutBybit
import LookoutCurl
import LookoutRateLimit
import LookoutTesting
import Testing

/// Every retCode, HTTP status and transport error the client meets, through the client's
/// classification and the policy's decision: what the loop will do for each.
@Suite struct BybitRetryTableTests {
    typealias Instant = ManualClock.Instant
    static let start = Instant(offset: .seconds(1))
    static let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(1), rateLimitDelay: .milliseconds(400))

    /// What the loop does after a first failed attempt (jitter 1: the full backoff).
    static func decision(_ outcome: UpstreamOutcome) -> RetryDecision {
        policy.decide(outcome, attempt: RetryAttempt(started: start), now: start, jitter: 1)
    }

    @Test("retCodes in an HTTP 200 envelope", arguments: [
        (10006, RetryDecision.waitForBudget(pause: .milliseconds(400))),
        (10018, .waitForBudget(pause: .milliseconds(400))),
        (10000, .retry(after: .milliseconds(100), reason: .serverBusy)),
        (10016, .retry(after: .milliseconds(100), reason: .serverBusy)),
        (5004, .retry(after: .milliseconds(100), reason: .serverBusy)),
        (10001, .failFast(.notRetryable)),
        (10002, .failFast(.notRetryable)),
        (10017, .failFast(.notRetryable)),
        (10029, .failFast(.notRetryable)),
        (170121, .failFast(.notRetryable)),
        (181001, .failFast(.notRetryable)),
        (99_999, .failFast(.notRetryable)),
    ])
    func retCodes(retCode: Int, expected: RetryDecision) {
        #expect(Self.decision(BybitClient.outcome(retCode: retCode, resetAfter: nil)) == expected)
    }

    @Test func aResetHintSetsTheBudgetWait() {
        #expect(Self.decision(BybitClient.outcome(retCode: 10006, resetAfter: .milliseconds(900))) == .waitForBudget(pause: .milliseconds(1150)))
    }

    @Test("HTTP statuses without a usable envelope", arguments: [
        (403, RetryDecision.failFast(.banned)),
        (429, .retry(after: .milliseconds(100), reason: .tooManyRequests)),
        (500, .retry(after: .milliseconds(100), reason: .serverError)),
        (502, .retry(after: .milliseconds(100), reason: .serverError)),
        (503, .retry(after: .milliseconds(100), reason: .serverError)),
        (504, .retry(after: .milliseconds(100), reason: .serverError)),
        (400, .failFast(.notRetryable)),
        (401, .failFast(.notRetryable)),
        (404, .failFast(.notRetryable)),
        (408, .failFast(.notRetryable)),
        (301, .failFast(.notRetryable)),
    ])
    func httpStatuses(status: Int, expected: RetryDecision) {
        #expect(Self.decision(BybitClient.outcome(httpStatus: status)) == expected)
    }

    @Test("transport errors", arguments: [
        (CurlError.Code.timedOut, RetryDecision.retry(after: .milliseconds(100), reason: .timeout)),
        (.connectionFailed, .retry(after: .milliseconds(100), reason: .connection)),
        (.truncatedBody, .retry(after: .milliseconds(100), reason: .connection)),
        (.dnsFailed, .retry(after: .milliseconds(100), reason: .connection)),
        (.connectionLost, .retry(after: .milliseconds(100), reason: .connection)),
        (.protocolError, .retry(after: .milliseconds(100), reason: .connection)),
        (.cancelled, .failFast(.cancelled)),
        (.tls, .failFast(.notRetryable)),
        (.invalidRequest, .failFast(.notRetryable)),
        (.responseTooLarge, .failFast(.notRetryable)),
        (.shutdown, .failFast(.notRetryable)),
    ])
    func transportErrors(code: CurlError.Code, expected: RetryDecision) {
        let error = CurlError(code: code, message: "test", url: "http://127.0.0.1/")
        #expect(Self.decision(BybitClient.outcome(transport: error)) == expected)
    }
}
