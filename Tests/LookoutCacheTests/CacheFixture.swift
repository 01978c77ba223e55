import BybitSimulator
import BybitSimulatorHTTP
import LookoutBybit
import LookoutRateLimit
import LookoutCache
import SimulatorTestSupport
import TestSupport

/// A simulated exchange on a manual clock, a Bybit client for it, and a cache clock that
/// moves with the exchange's.
struct CacheFixture {
    /// 2025-03-03T12:34:56.789Z: minute index 29,016,754; 754 minutes into its
    /// 1,000-minute chunk, so "the latest 200 minutes" lie in one chunk.
    static let now: Int64 = 1_741_005_296_789
    static let minute: Int64 = 60_000

    let server: BybitSimulatorServer
    let url: String
    let simulatorClock: ManualSimulatorClock
    let clock: ManualCacheClock

    var simulator: BybitSimulator { server.simulator }
    /// Requests the exchange has answered.
    var requests: Int { simulator.statistics().totalRequests }

    func advance(by duration: Duration) {
        simulatorClock.advance(by: duration)
        clock.advance(by: duration)
    }

    func client(maxConcurrentRequests: Int = 8) throws -> BybitClient {
        var configuration = BybitClient.Configuration(baseURL: try BybitBaseURL(url))
        configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 100_000, window: .seconds(1), banCooldown: .seconds(1), safetyMargin: .zero),
                                               clock: ContinuousClock())
        configuration.retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20), rateLimitDelay: .milliseconds(10))
        configuration.requestTimeout = .seconds(10)
        configuration.maxConcurrentRequests = maxConcurrentRequests
        return try BybitClient(configuration: configuration)
    }

    func memoryCache(_ configure: (inout CandleCacheConfiguration) -> Void = { _ in }, metrics: CandleCacheMetrics? = nil) -> CandleCache {
        var configuration = CandleCacheConfiguration()
        configure(&configuration)
        return CandleCache(backend: MemoryCacheBackend(clock: clock), configuration: configuration, clock: clock, metrics: metrics)
    }
}

/// Runs `body` against a fresh simulated exchange stopped at ``CacheFixture/now``.
func withCacheFixture(_ behavior: SimulatorBehavior = SimulatorBehavior(), _ body: (CacheFixture) async throws -> Void) async throws {
    let simulatorClock = ManualSimulatorClock(.milliseconds(CacheFixture.now))
    try await withSimulatorServer(SimulatorConfiguration(behavior: behavior), clock: simulatorClock) { server, url in
        try await body(CacheFixture(server: server, url: url, simulatorClock: simulatorClock, clock: ManualCacheClock(milliseconds: CacheFixture.now)))
    }
}
