import LookoutRateLimit
import LookoutTesting
import Testing

/// The AIMD budget, step by step on manual instants.
@Suite struct AdaptiveLimitTests {
    typealias Instant = ManualClock.Instant
    static func at(_ milliseconds: Int64) -> Instant { Instant(offset: .milliseconds(milliseconds)) }

    enum Step { case throttled(Int64, decreased: Bool), limit(Int64) }

    @Test("AIMD steps", arguments: [
        // ceiling 100, ×0.7, +5 per 1 s window
        ([(Step.limit(0), 100), (.throttled(10, decreased: true), 70), (.limit(999), 70),
          // A second signal within the window of the first is the same congestion.
          // At 1010 one window has passed: recovery to 75 first, then ×0.7.
          (.throttled(500, decreased: false), 70), (.throttled(1010, decreased: true), 52),
          // Additive recovery: one step per full window since the last change.
          (.limit(2009), 52), (.limit(2010), 57), (.limit(5010), 72), (.limit(5500), 72),
          // Back to the ceiling and no further.
          (.limit(100_000), 100), (.limit(200_000), 100)], 100),
        // Recovery due is applied before a decrease.
        ([(Step.throttled(0, decreased: true), 2), (.throttled(1000, decreased: true), 2), (.limit(1999), 2), (.limit(2000), 3)], 3),
        // The floor (1) holds.
        ([(Step.throttled(0, decreased: false), 1), (.throttled(5000, decreased: false), 1), (.limit(9000), 1)], 1),
    ] as [([(Step, Int)], Int)])
    func steps(_ steps: [(Step, Int)], ceiling: Int) {
        var limit = AdaptiveBudgetLimit<Instant>(ceiling: ceiling, decreaseFactor: 0.7, increaseStep: ceiling == 100 ? 5 : 1, interval: .seconds(1))
        for (index, (step, expected)) in steps.enumerated() {
            switch step {
            case .throttled(let ms, let decreased):
                #expect(limit.throttled(at: Self.at(ms)) == decreased, "step \(index)")
                #expect(limit.limit(at: Self.at(ms)) == expected, "step \(index)")
            case .limit(let ms):
                #expect(limit.limit(at: Self.at(ms)) == expected, "step \(index)")
            }
        }
    }

    @Test func theDecreaseStartsFromTheObservedRateWhenLower() {
        var limit = AdaptiveBudgetLimit<Instant>(ceiling: 500, decreaseFactor: 0.7, increaseStep: 5, interval: .seconds(5))
        let first = limit.throttled(at: Self.at(0), observed: 24)
        #expect(first)
        #expect(limit.limit(at: Self.at(0)) == 16)
        #expect(limit.limit(at: Self.at(5000)) == 21)
        // An empty window says nothing about the rate: the limit itself is reduced.
        var quiet = AdaptiveBudgetLimit<Instant>(ceiling: 500, decreaseFactor: 0.7, increaseStep: 5, interval: .seconds(5))
        let quietDecrease = quiet.throttled(at: Self.at(0), observed: 0)
        #expect(quietDecrease)
        #expect(quiet.limit(at: Self.at(0)) == 350)
        // An observation above the limit does not raise it.
        let second = limit.throttled(at: Self.at(5000), observed: 400)
        #expect(second)
        #expect(limit.limit(at: Self.at(5000)) == 14)
    }

    @Test func aLoweredLimitIsEnforcedByTheBudget() {
        var budget = SlidingWindowBudget<Instant>(limit: 10, window: .seconds(1))
        for _ in 0..<4 { #expect(budget.acquire(at: Self.at(0), limit: 4) == .granted) }
        #expect(budget.acquire(at: Self.at(100), limit: 4) == .wait(until: Self.at(1000)))
        // Raising the limit again admits more in the same window, up to the capacity.
        for _ in 0..<6 { #expect(budget.acquire(at: Self.at(100), limit: 50) == .granted) }
        #expect(budget.acquire(at: Self.at(200), limit: 50) == .wait(until: Self.at(1000)))
        // Ring full: the 3rd most recent grant decides for a limit of 3.
        #expect(budget.acquire(at: Self.at(1100), limit: 3) == .granted)
        #expect(budget.acquire(at: Self.at(1100), limit: 3) == .granted)
        #expect(budget.acquire(at: Self.at(1100), limit: 3) == .granted)
        #expect(budget.acquire(at: Self.at(1100), limit: 3) == .wait(until: Self.at(2100)))
        #expect(budget.grantsInWindow(endingAt: Self.at(1100)) == 3)
        #expect(budget.grantsInWindow(endingAt: Self.at(1099)) == 6)
    }

    @Test func theGuardShrinksOnThrottlingAndRecovers() async throws {
        let clock = ManualClock()
        let upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 100, window: .seconds(5), increaseStep: 10), clock: clock)
        #expect(upstream.effectiveLimit == 100)
        for _ in 0..<50 { _ = try await upstream.admit(host: "h") }
        // 50 sent in the window: the budget drops to 70% of them.
        #expect(upstream.recordRateLimited(host: "h", pause: .zero) == 35)
        #expect(upstream.recordRateLimited(host: "h", pause: .zero) == 35)
        clock.advance(by: .seconds(5))
        #expect(upstream.effectiveLimit == 45)
        let fixed = UpstreamGuard(configuration: .init(requestsPerWindow: 100, adaptive: false), clock: clock)
        #expect(fixed.recordRateLimited(host: "h", pause: .zero) == 100)
    }
}
