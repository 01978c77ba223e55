import Lookout
import Synchronization
import LookoutTesting
import Testing
@testable import LookoutRateLimit

@Suite("Metrics observer: decisions recorded into series resolved once, by policy and result")
struct RateLimitMetricsObserverTests {
    private static let start: Int64 = 1_000 * 60_000_000

    @Test func theLimiterCountsEachPolicysDecisionsInItsOwnSeries() throws {
        let registry = Registry()
        // Declared global first: checked second (narrow scopes first), so the recorder's
        // indices follow the check order, not the declaration order.
        let policies: [RateLimitPolicy] = [.global(try .perMinute(3)), .perClientAddress(try .perMinute(2))]
        let observer = try RateLimitMetricsObserver(registry: registry, policies: policies.map(\.name))
        let clock = ManualRateLimitClock(microseconds: Self.start)
        let limiter = try RateLimiter(policies: policies, backend: MemoryRateLimitBackend(clock: .manual(clock)), observer: observer)
        #expect(observer.decisionRecorder(policies: ["per-ip", "global"], backend: "memory") != nil)

        let results = ["a", "a", "a", "b", "b"].map { limiter.checkNow(RateLimitRequest(clientAddress: $0, route: "/", clientKey: nil))?.isAllowed }
        // a, a admitted by both; a denied by per-ip (global not asked); b admitted by both; b denied by global.
        #expect(results == [true, true, false, true, false])
        func decisions(_ policy: String, _ result: String) -> Double? {
            registry.sampleValue("rate_limit_decisions_total", labels: ["policy": policy, "result": result])
        }
        #expect(decisions("per-ip", "allowed") == 4)
        #expect(decisions("per-ip", "denied") == 1)
        #expect(decisions("global", "allowed") == 3)
        #expect(decisions("global", "denied") == 1)
        #expect(registry.sampleValue("rate_limit_decision_duration_seconds_count", labels: ["backend": "memory"]) == 9)
    }

    @Test func anObserverWithoutARecorderIsToldEachDecision() throws {
        final class Tally: RateLimitObserver {
            let seen = Mutex<[String]>([])
            func decided(policy: String, backend: String, allowed: Bool, durationSeconds: Double) {
                seen.withLock { $0.append("\(policy) \(backend) \(allowed ? "allowed" : "denied")") }
            }
            func backendFailed(backend: String, error: any Error) {}
        }
        let tally = Tally()
        let limiter = try RateLimiter(policies: [.perClientAddress(try .perMinute(1))],
                                      backend: MemoryRateLimitBackend(clock: .manual(ManualRateLimitClock(microseconds: Self.start))),
                                      observer: tally)
        for _ in 0..<2 { _ = limiter.checkNow(RateLimitRequest(clientAddress: "a", route: "/", clientKey: nil)) }
        #expect(tally.seen.withLock { $0 } == ["per-ip memory allowed", "per-ip memory denied"])
    }

    @Test func budgetMetricsAreTheirDeclarations() throws {
        let registry = Registry()
        let live = try UpstreamBudgetMetrics.Live(registry: registry)
        live.effectiveLimit.set(12)
        live.ceiling.set(20)
        live.decreases.inc()
        #expect(registry.sampleValue("upstream_budget_effective_requests") == 12)
        #expect(registry.sampleValue("upstream_budget_ceiling_requests") == 20)
        #expect(registry.sampleValue("upstream_budget_decreases_total") == 1)
    }
}
