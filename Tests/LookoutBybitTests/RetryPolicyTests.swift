@testable import LookoutBybit
import Testing

@Suite struct RetryPolicyTests {
    @Test("backoff doubles, is capped and jittered within [d/2, d]", arguments: RetryReason.allCases.filter { $0 != .rateLimited })
    func backoffBounds(reason: RetryReason) throws {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(2))
        var random = SplitMix64(seed: 7)
        let ceilings: [Duration] = [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600), .seconds(2), .seconds(2), .seconds(2), .seconds(2)]
        for (attempt, ceiling) in zip(1..., ceilings) {
            for _ in 0..<50 {
                let delay = try #require(policy.delay(after: attempt, reason: reason, resetAfter: nil, using: &random))
                #expect(delay >= ceiling / 2 && delay <= ceiling, "attempt \(attempt): \(delay)")
            }
        }
        #expect(policy.delay(after: 10, reason: reason, resetAfter: nil, using: &random) == nil)
    }

    @Test func jitterActuallyVaries() {
        let policy = RetryPolicy()
        var random = SplitMix64(seed: 1)
        let delays = Set((0..<20).compactMap { _ in policy.delay(after: 3, reason: .serverBusy, resetAfter: nil, using: &random) })
        #expect(delays.count > 15)
    }

    @Test func rateLimitUsesItsOwnBaseOrTheResetHint() throws {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(10), rateLimitDelay: .seconds(1))
        var random = SplitMix64(seed: 3)
        let first = try #require(policy.delay(after: 1, reason: .rateLimited, resetAfter: nil, using: &random))
        #expect(first >= .milliseconds(500) && first <= .seconds(1))
        let second = try #require(policy.delay(after: 2, reason: .rateLimited, resetAfter: nil, using: &random))
        #expect(second >= .seconds(1) && second <= .seconds(2))
        let hinted = try #require(policy.delay(after: 1, reason: .rateLimited, resetAfter: .milliseconds(1500), using: &random))
        #expect(hinted >= .milliseconds(1500) && hinted <= .milliseconds(1750))
    }

    @Test func noneNeverRetries() {
        var random = SplitMix64(seed: 1)
        #expect(RetryPolicy.none.delay(after: 1, reason: .timeout, resetAfter: nil, using: &random) == nil)
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
