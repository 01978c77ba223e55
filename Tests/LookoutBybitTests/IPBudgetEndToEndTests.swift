import BybitSimulator
import LookoutBybit
import Testing

@Suite("The upstream budget, measured by the exchange")
struct IPBudgetEndToEndTests {
    /// Bybit's rule is 600 requests in any 5 s per IP. Scaled down so 2,000 requests take
    /// seconds: at most 200 in any 250 ms. The exchange enforces exactly that (a 201st
    /// request would be banned); the client's budget is the same 200 per 250 ms, spaced by
    /// a 150 ms safety margin for the time requests spend between grant and arrival (on a
    /// loaded 2-core machine a request can spend over 50 ms between its grant and the
    /// exchange, which let two bursts land in one window).
    static let budget = 200
    static let window = Duration.milliseconds(250)
    static let margin = Duration.milliseconds(150)

    @Test func twoThousandRequestsNeverExceedTheBudgetInAnyWindow() async throws {
        let limit = IPRateLimit(limit: Self.budget, window: Self.window, banDuration: .seconds(60))
        try await withExchange(SimulatorBehavior(ipRateLimit: limit)) { exchange in
            let client = try exchange.client(budget: Self.budget, window: Self.window, safetyMargin: Self.margin, maxConcurrentRequests: 16)
            let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT", "BNBUSDT", "LINKUSDT"]
            let started = ContinuousClock.now
            let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<2000 {
                    group.addTask {
                        do {
                            _ = try await client.klines(symbol: symbols[index % symbols.count], interval: .oneMinute, limit: 1)
                            return 0
                        } catch {
                            return 1
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = ContinuousClock.now - started
            let seen = exchange.simulator.statistics()
            #expect(failures == 0)
            #expect(seen.totalRequests == 2000)
            #expect(seen.bansIssued == 0)
            #expect(seen.maxRequestsInWindow <= Self.budget, "the exchange saw \(seen.maxRequestsInWindow) requests in one window")
            // The budget was the bottleneck: ten bursts, nine waits of window + margin.
            #expect(seen.maxRequestsInWindow > Self.budget * 3 / 4)
            #expect(elapsed >= (Self.window + Self.margin) * 9)
            #expect(elapsed < .seconds(20))
            #expect(client.stats.requests == 2000)
        }
    }
}
