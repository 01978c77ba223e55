import Lookout
@testable import LookoutBybit
import LookoutRateLimit
import LookoutTesting
import Testing

/// Every half-open window [t, t + window) over `grants` (sorted) holds at most `limit`.
func maxInAnyWindow(_ grants: [Duration], window: Duration) -> Int {
    var best = 0
    var low = 0
    for high in grants.indices {
        while grants[high] - grants[low] >= window { low += 1 }
        best = max(best, high - low + 1)
    }
    return best
}

@Suite struct SlidingWindowBudgetTests {
    typealias Instant = ManualClock.Instant

    @Test("a burst of 2,000 never exceeds the budget in any window", arguments: [(500, 5), (600, 5), (10, 1), (1, 1)])
    func burstStaysUnderBudget(limit: Int, seconds: Int) {
        let window = Duration.seconds(seconds)
        var budget = SlidingWindowBudget<Instant>(limit: limit, window: window)
        var now = Instant(offset: .zero)
        var grants: [Duration] = []
        var waits = 0
        while grants.count < 2000 {
            switch budget.acquire(at: now) {
            case .granted:
                grants.append(now.offset)
                #expect(budget.grantsInWindow(endingAt: now) <= limit)
            case .wait(let until):
                #expect(until > now)
                waits += 1
                now = until
            }
        }
        #expect(maxInAnyWindow(grants, window: window) == limit)
        // The first `limit` go at once; then exactly `limit` per window: no time is wasted.
        #expect(grants.prefix(limit).allSatisfy { $0 == .zero })
        #expect(grants.last == window * ((2000 - 1) / limit))
        #expect(waits == (2000 - 1) / limit)
    }

    @Test func requestsSpreadOverTimeAreAllGranted() {
        var budget = SlidingWindowBudget<Instant>(limit: 5, window: .seconds(5))
        for step in 0..<100 {
            #expect(budget.acquire(at: Instant(offset: .seconds(step))) == .granted)
        }
    }

    @Test func randomArrivalsNeverExceedTheBudget() {
        var generator = SplitMix64(seed: 42)
        var budget = SlidingWindowBudget<Instant>(limit: 50, window: .seconds(5))
        var now = Instant(offset: .zero)
        var grants: [Duration] = []
        for _ in 0..<5000 {
            now = now.advanced(by: .milliseconds(Int64.random(in: 0...40, using: &generator)))
            if case .granted = budget.acquire(at: now) { grants.append(now.offset) }
        }
        #expect(maxInAnyWindow(grants, window: .seconds(5)) <= 50)
        // About 100 s of arrivals at 50 per 5 s: the budget, not the arrivals, is the limit.
        #expect(grants.count >= 950)
    }
}
