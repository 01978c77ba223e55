import BybitSimulator
import BybitSimulatorHTTP
import LookoutBybit
import LookoutRateLimit
import SimulatorTestSupport
import TestSupport

/// The simulated exchange a test talks to: a real `BybitSimulatorServer` on a free
/// loopback port, and clients configured for tests.
struct Exchange {
    let server: BybitSimulatorServer
    let url: String

    /// 2024-01-01T00:00:00Z: every instrument of the standard universe used here was
    /// listed before it.
    static let january2024: Int64 = 1_704_067_200_000
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    var simulator: BybitSimulator { server.simulator }
    var baseURL: BybitBaseURL { get throws { try BybitBaseURL(url) } }

    /// A client with its own upstream guard (so tests never share budgets or bans) and
    /// fast retries.
    func client(
        budget: Int = 10_000, window: Duration = .seconds(1), safetyMargin: Duration = .zero, banCooldown: Duration = .seconds(600),
        retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(5), maxDelay: .milliseconds(40), rateLimitDelay: .milliseconds(20)),
        timeout: Duration = .seconds(5), maxConcurrentRequests: Int = 8, baseURL: BybitBaseURL? = nil, metrics: BybitClientMetrics? = nil,
        upstreamPressure: AdaptiveController? = nil
    ) throws -> BybitClient {
        var configuration = BybitClient.Configuration(baseURL: try baseURL ?? self.baseURL)
        configuration.upstream = UpstreamGuard(
            configuration: .init(requestsPerWindow: budget, window: window, banCooldown: banCooldown, safetyMargin: safetyMargin),
            clock: ContinuousClock())
        configuration.retry = retry
        configuration.requestTimeout = timeout
        configuration.maxConcurrentRequests = maxConcurrentRequests
        configuration.metrics = metrics
        configuration.upstreamPressure = upstreamPressure
        return try BybitClient(configuration: configuration)
    }

    /// Replaces the simulator's fault rules with `specs` (see `FaultRule(spec:)`).
    func inject(_ specs: String...) throws {
        let rules = try specs.map { try FaultRule(spec: $0) }
        try simulator.updateBehavior { $0.faults = rules }
    }

    /// Requests the exchange has seen.
    var requests: Int { simulator.statistics().totalRequests }
}

/// Runs `body` against a fresh simulated exchange with `behavior`.
func withExchange(
    _ behavior: SimulatorBehavior = SimulatorBehavior(), universe: InstrumentUniverse = .standard,
    clock: any SimulatorClock = SystemSimulatorClock(), _ body: (Exchange) async throws -> Void
) async throws {
    try await withSimulatorServer(SimulatorConfiguration(universe: universe, behavior: behavior), clock: clock) { server, url in
        try await body(Exchange(server: server, url: url))
    }
}
