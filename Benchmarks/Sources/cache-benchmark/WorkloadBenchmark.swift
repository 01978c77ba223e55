import BybitSimulator
import BybitSimulatorHTTP
import LookoutBybit
import LookoutRateLimit
import LookoutCache
import LookoutHTTP

/// Upstream requests with and without the cache on a scripted dashboard workload against
/// bybit-sim (in-process, on loopback, simulated time): three symbols, each refreshed every
/// 5 s for an hour ("latest 200" 1m and "latest 100" 15m candles), plus every 5 minutes a
/// 7-day 15m range and a 2-day 1m range per symbol.
enum WorkloadBenchmark {
    static let symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"]
    static let refresh = Duration.seconds(5)
    static let steps = 720  // one hour
    static let start: Int64 = 1_741_005_296_789

    static func run() async throws -> Bool {
        let without = try await simulate(cached: false)
        let with = try await simulate(cached: true)
        let saved = 100 * (1 - Double(with.requests) / Double(without.requests))
        report("\nscripted dashboard workload (3 symbols, 5 s refresh for 1 h, ranges every 5 min): \(without.calls) calls")
        report("  upstream requests without cache: \(without.requests)")
        report("  upstream requests with cache:    \(with.requests)  (\(with.fromCache) of \(with.candles) candles from the cache)")
        report(String(format: "  API calls saved: %.1f%%  (target >= 90%%) %@", saved, saved >= 90 ? "ok" : "MISSED"))
        report("  identical closed candles with and without cache: \(with.digest == without.digest ? "yes" : "NO")")
        return saved >= 90 && with.digest == without.digest
    }

    struct Outcome {
        var calls = 0
        var requests = 0
        var candles = 0
        var fromCache = 0
        var digest: [Int] = []
    }

    static func simulate(cached: Bool) async throws -> Outcome {
        let simulatorClock = ManualSimulatorClock(.milliseconds(start))
        let simulator = try BybitSimulator(configuration: SimulatorConfiguration(behavior: SimulatorBehavior(ipRateLimit: IPRateLimit(isEnabled: false))),
                                           clock: simulatorClock)
        let server = try BybitSimulatorServer(simulator: simulator, configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0))
        try server.start()
        let clock = ManualCacheClock(milliseconds: start)
        var configuration = BybitClient.Configuration(baseURL: try BybitBaseURL(server.baseURL!))
        configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 1_000_000, window: .seconds(1), banCooldown: .seconds(1), safetyMargin: .zero),
                                               clock: ContinuousClock())
        let client = try BybitClient(configuration: configuration)
        let cache = cached ? CandleCache(backend: MemoryCacheBackend(clock: clock), clock: clock) : nil
        let source = CachingCandleClient(client: client, cache: cache)
        var outcome = Outcome()
        for step in 0..<steps {
            for symbol in symbols {
                for (interval, limit) in [(KlineInterval.oneMinute, 200), (.fifteenMinutes, 100)] {
                    let page = try await source.klines(symbol: symbol, interval: interval, limit: limit)
                    outcome.calls += 1
                    outcome.candles += page.rows.count
                    // Closed candles only: the open one may be up to a minute stale from the cache, by design.
                    outcome.digest.append(page.closedRows.reduce(0) { $0 &+ $1.close.hashValue })
                }
                if step % 60 == 0 {
                    let now = clock.nowMilliseconds()
                    for (interval, days) in [(KlineInterval.fifteenMinutes, Int64(7)), (.oneMinute, 2)] {
                        let series = try await source.candles(symbol: symbol, interval: interval, from: now - days * 86_400_000, to: now)
                        outcome.calls += 1
                        outcome.candles += series.rows.count
                        outcome.digest.append(series.closedRows.reduce(0) { $0 &+ $1.close.hashValue })
                    }
                }
            }
            simulatorClock.advance(by: refresh)
            clock.advance(by: refresh)
        }
        outcome.requests = simulator.statistics().totalRequests
        outcome.fromCache = cache?.stats.candlesFromCache ?? 0
        await server.shutdown()
        return outcome
    }
}
