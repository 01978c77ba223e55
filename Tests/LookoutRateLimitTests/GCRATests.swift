import Testing
@testable import LookoutRateLimit

/// GCRA case table: 10 requests per 10 s (one per second) with a burst of 3.
@Suite("GCRA: bursts, spacing, retry times")
struct GCRATests {
    static let second: Int64 = 1_000_000
    static let t0: Int64 = 1_700_000_000 * 1_000_000

    @Test(arguments: [
        // (offset µs, allowed, remaining, reset µs, retry µs)
        [(0, true, 2, 1, 0), (0, true, 1, 2, 0), (0, true, 0, 3, 0), (0, false, 0, 3, 1),
         (1, true, 0, 3, 0), (1, false, 0, 3, 1), (5, true, 2, 1, 0)],
        // Spaced one per second, the bucket never drains.
        [(0, true, 2, 1, 0), (1, true, 2, 1, 0), (2, true, 2, 1, 0), (3, true, 2, 1, 0)],
        // Half a second apart: the burst absorbs the excess until it is spent.
        [(0, true, 2, 1, 0), (0.5, true, 1, 1.5, 0), (1, true, 1, 2, 0), (1.5, true, 0, 2.5, 0), (2, true, 0, 3, 0),
         (2.5, false, 0, 2.5, 0.5), (3, true, 0, 3, 0)],
    ] as [[(Double, Bool, Int, Double, Double)]])
    func burstThenOneEveryEmissionInterval(steps: [(Double, Bool, Int, Double, Double)]) {
        var state = LimiterState.empty
        for (offset, allowed, remaining, reset, retry) in steps {
            let now = Self.t0 + Int64(offset * 1_000_000)
            let decision = GCRA.decide(&state, now: now, limit: 10, burst: 3, window: 10 * Self.second)
            #expect(decision == RateLimitDecision(isAllowed: allowed, limit: 10, remaining: remaining,
                                                  resetAfterMicroseconds: Int64(reset * 1_000_000),
                                                  retryAfterMicroseconds: Int64(retry * 1_000_000)), "at +\(offset) s")
        }
    }

    @Test func theDefaultBurstIsTheLimit() throws {
        let limit = try RateLimit(limit: 5, window: .seconds(5), algorithm: .gcra)
        var state = LimiterState.empty
        let results = (0..<6).map { _ in limit.decide(&state, now: Self.t0).isAllowed }
        #expect(results == [true, true, true, true, true, false])
        #expect(limit.expiry(of: state) == Self.t0 + 5 * Self.second, "the key can be forgotten once the bucket is full again")
    }
}
