import Testing
@testable import LookoutRateLimit

/// Table tests of the sliding-window counter with an injected time: 10 requests per 10 s,
/// starting at the beginning of a window.
@Suite("Sliding-window counter: window edges, weighting, retry times")
struct SlidingWindowCounterTests {
    static let second: Int64 = 1_000_000
    static let window = 10 * second
    /// The start of a window (windows are aligned on the epoch).
    static let t0 = 1_000 * window

    struct Step: Sendable, CustomStringConvertible {
        let at: Int64
        let allowed: Bool
        let remaining: Int
        let retry: Int64
        let reset: Int64
        var description: String { "at +\(at) µs" }
    }

    private func run(_ steps: [Step], limit: Int64 = 10, subWindows: Int64 = 1, state: LimiterState = .empty) {
        var state = state
        for step in steps {
            let decision = SlidingWindowCounter.decide(&state, now: Self.t0 + step.at, limit: limit, window: Self.window, subWindows: subWindows)
            #expect(decision == RateLimitDecision(isAllowed: step.allowed, limit: Int(limit), remaining: step.remaining,
                                                  resetAfterMicroseconds: step.reset, retryAfterMicroseconds: step.retry), "\(step)")
        }
    }

    @Test func fillsTheWindowThenDeniesUntilThePreviousCountHasDecayed() {
        var steps = (0..<10).map { Step(at: 0, allowed: true, remaining: 9 - $0, retry: 0, reset: Self.window) }
        // Full: the next fits only when 10 × (W − e)/W + 1 ≤ 10 in the next window, e ≥ 1 s.
        steps.append(Step(at: 0, allowed: false, remaining: 0, retry: 11 * Self.second, reset: 11 * Self.second))
        steps.append(Step(at: 11 * Self.second - 1, allowed: false, remaining: 0, retry: 1, reset: 9 * Self.second + 1))
        steps.append(Step(at: 11 * Self.second, allowed: true, remaining: 0, retry: 0, reset: 9 * Self.second))
        run(steps)
    }

    @Test func noDoubleBurstAcrossAWindowEdge() {
        // Ten requests in the last 100 ms of one window, then a burst right after the edge.
        var steps = (0..<10).map { Step(at: 9_900_000, allowed: true, remaining: 9 - $0, retry: 0, reset: 100_000) }
        // At the edge the previous window still weighs fully: 10 × 1 + 1 > 10.
        steps.append(Step(at: Self.window, allowed: false, remaining: 0, retry: Self.second, reset: Self.window))
        // A tenth of the window later one request fits again, and only one.
        steps.append(Step(at: Self.window + Self.second, allowed: true, remaining: 0, retry: 0, reset: 9 * Self.second))
        steps.append(Step(at: Self.window + Self.second, allowed: false, remaining: 0, retry: Self.second, reset: 9 * Self.second))
        run(steps)
    }

    @Test func thePreviousWindowWeighsByItsOverlap() {
        var steps = (0..<10).map { Step(at: 0, allowed: true, remaining: 9 - $0, retry: 0, reset: Self.window) }
        // Halfway through the next window: 10 × 0.5 = 5 still count, so 5 more fit.
        for index in 0..<5 {
            steps.append(Step(at: 15 * Self.second, allowed: true, remaining: 4 - index, retry: 0, reset: 5 * Self.second))
        }
        steps.append(Step(at: 15 * Self.second, allowed: false, remaining: 0, retry: Self.second, reset: 5 * Self.second))
        // 10 × 0.4 + 5 = 9: one fits.
        steps.append(Step(at: 16 * Self.second, allowed: true, remaining: 0, retry: 0, reset: 4 * Self.second))
        run(steps)
    }

    @Test func subWindowsLetRequestsLeaveCloserToWhenTheyWereMade() {
        // Four sub-windows of 2.5 s: ten requests at the start of the first one weigh only
        // over that sub-window, so at the edge a quarter-second later one fits (one
        // sub-window: a whole second, see noDoubleBurstAcrossAWindowEdge).
        var steps = (0..<10).map { Step(at: 0, allowed: true, remaining: 9 - $0, retry: 0, reset: Self.window) }
        steps.append(Step(at: Self.window, allowed: false, remaining: 0, retry: 250_000, reset: Self.window))
        steps.append(Step(at: Self.window + 250_000, allowed: true, remaining: 0, retry: 0, reset: Self.window - 250_000))
        // 10 × 0.9 + 1 = 10: the next one waits for a further tenth of the sub-window.
        steps.append(Step(at: Self.window + 250_000, allowed: false, remaining: 0, retry: 250_000, reset: Self.window - 250_000))
        // Past the first sub-window of the next window only the one request counts.
        steps.append(Step(at: Self.window + 2_500_000, allowed: true, remaining: 8, retry: 0, reset: 7_500_000))
        run(steps, subWindows: 4)
    }

    @Test func deniedRequestsWaitForTheSubWindowThatFreesEnough() {
        // Five requests in each of the four sub-windows' starts would exceed 10; here two
        // per sub-window (8), then two more at 9 s fill the window.
        var steps: [Step] = []
        for sub in 0..<4 {
            for index in 0..<2 {
                steps.append(Step(at: Int64(sub) * 2_500_000, allowed: true, remaining: 10 - (sub * 2 + index + 1), retry: 0,
                                  reset: Self.window - Int64(sub) * 2_500_000))
            }
        }
        steps.append(Step(at: 9 * Self.second, allowed: true, remaining: 1, retry: 0, reset: Self.second))
        steps.append(Step(at: 9 * Self.second, allowed: true, remaining: 0, retry: 0, reset: Self.second))
        // Full: the first sub-window's two start leaving at the edge, one fits a half-sub-window in.
        steps.append(Step(at: 9 * Self.second, allowed: false, remaining: 0, retry: Self.second + 1_250_000, reset: Self.second + 1_250_000))
        run(steps, subWindows: 4)
    }

    @Test func aWindowSkippedEntirelyForgetsEverything() {
        var steps = (0..<10).map { Step(at: 0, allowed: true, remaining: 9 - $0, retry: 0, reset: Self.window) }
        steps.append(Step(at: 20 * Self.second, allowed: true, remaining: 9, retry: 0, reset: Self.window))
        run(steps)
    }

    @Test func aClockStepBackwardsNeverAdmitsMore() {
        var steps = (0..<10).map { Step(at: 15 * Self.second, allowed: true, remaining: 9 - $0, retry: 0, reset: 5 * Self.second) }
        // Back into the previous window: counted as the newest window's first instant.
        steps.append(Step(at: 2 * Self.second, allowed: false, remaining: 0, retry: 11 * Self.second, reset: 11 * Self.second))
        run(steps)
    }

    @Test func aCostAboveOneCountsThatMany() {
        var state = LimiterState.empty
        let first = SlidingWindowCounter.decide(&state, now: Self.t0, limit: 10, window: Self.window, cost: 7)
        #expect(first.isAllowed && first.remaining == 3)
        let second = SlidingWindowCounter.decide(&state, now: Self.t0, limit: 10, window: Self.window, cost: 4)
        #expect(!second.isAllowed)
        #expect(state.mark == 1000 && state.count(inSubWindow: 1000) == 7 && state.count(inSubWindow: 999) == 0, "a denied request is not counted")
        let third = SlidingWindowCounter.decide(&state, now: Self.t0, limit: 10, window: Self.window, cost: 3)
        #expect(third.isAllowed && third.remaining == 0)
    }

    @Test func headerSecondsRoundUpAndRetryAfterIsNeverZero() {
        let decision = RateLimitDecision(isAllowed: false, limit: 1, remaining: 0, resetAfterMicroseconds: 1_000_001, retryAfterMicroseconds: 1)
        #expect(decision.retryAfterSeconds == 1)
        #expect(decision.resetAfterSeconds == 2)
        #expect(RateLimitDecision(isAllowed: false, limit: 1, remaining: 0, resetAfterMicroseconds: 0, retryAfterMicroseconds: 0).retryAfterSeconds == 1)
    }
}
