import BybitSimulator
import LookoutBybit
import LookoutRateLimit
import Testing

/// The adaptive budget against an exchange that throttles far below the client's ceiling.
@Suite("Fetching through an exchange that throttles and fails")
struct ThrottledFetchTests {
    typealias E = Exchange

    /// 100,000 1-minute candles of 3 symbols through an exchange that answers retCode 10006
    /// beyond 20 requests per window and HTTP 502 to 10% of requests, while the client's
    /// budget ceiling is 25 times higher. Scaled in time so it runs in `make test`: the
    /// window is 2 s instead of 5 s, which keeps the test near 12 s.
    /// Bybit's IP limit (600 per 5 s, here 240 per 2 s) stays armed: no ban may happen.
    @Test func everyCandleArrivesWithoutABan() async throws {
        let window = Duration.seconds(2)
        let behavior = SimulatorBehavior(
            ipRateLimit: IPRateLimit(limit: 240, window: window, banDuration: .seconds(60)),
            faults: [FaultRule(.httpStatus(502), trigger: .probability(0.1, seed: 11), paths: ["/v5/market/kline"])],
            apiRateLimit: APIRateLimit(limit: 20, window: window))
        try await withExchange(behavior) { exchange in
            let client = try exchange.client(
                budget: 500, window: window, safetyMargin: .milliseconds(20),
                retry: RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(20), maxDelay: .milliseconds(500), rateLimitDelay: .milliseconds(100)))
            let perSymbol: Int64 = 33_334
            let from = E.january2024
            let to = from + (perSymbol - 1) * E.minute
            let started = ContinuousClock.now
            let batch = await client.fetchMultipleSymbols(["BTCUSDT", "ETHUSDT", "SOLUSDT"], interval: .oneMinute, from: from, to: to)
            let elapsed = ContinuousClock.now - started
            #expect(batch.failures.isEmpty, "\(batch.failures)")
            #expect(batch.values.count == 3)
            for (_, series) in batch.values {
                #expect(series.rows.count == Int(perSymbol))
                #expect(series.rows.first?.startTime == from)
                #expect(series.rows.last?.startTime == to)
                #expect(zip(series.rows, series.rows.dropFirst()).allSatisfy { $1.startTime - $0.startTime == E.minute })
            }
            let seen = exchange.simulator.statistics()
            #expect(seen.bansIssued == 0)
            #expect(seen.responsesByStatus[403] == nil)
            // The exchange did throttle, and the budget came down towards its limit.
            let throttled = seen.faultsInjected[.rateLimited] ?? 0
            #expect(throttled > 0)
            #expect(client.configuration.upstream.effectiveLimit < 500)
            // The budget, not a storm of 10006 answers, paced the fetch (measured: 16 of 133).
            #expect(throttled * 3 < seen.totalRequests, "\(throttled) of \(seen.totalRequests) requests were throttled")
            #expect(client.stats.rateLimitHits == throttled)
            // The throttle alone forces (pages + retries) / 20 windows; throttling overhead
            // is reported, not asserted tightly (the machine may be loaded).
            let forced = window * Double(seen.totalRequests - throttled) / 20
            #expect(elapsed < forced * 4 + .seconds(30), "took \(elapsed) where the throttle forces \(forced)")
        }
    }
}
