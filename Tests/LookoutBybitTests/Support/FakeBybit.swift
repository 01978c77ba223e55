import TestSupport
import LookoutBybit
import LookoutCurl

/// Test helpers around the shared fake Bybit server.
struct FakeBybit {
    let server: PythonFixture
    let control: CurlClient

    /// 2024-01-01T00:00:00Z, the fake's listing time for every symbol.
    static let launch: Int64 = 1_704_067_200_000

    init() throws {
        server = try sharedFakeBybit.get()
        control = try CurlClient()
    }

    var baseURL: BybitBaseURL { get throws { try BybitBaseURL(server.baseURL) } }

    /// A client with its own upstream guard (so tests never share budgets or bans) and
    /// fast retries.
    func client(
        budget: Int = 10_000, window: Duration = .seconds(1), banCooldown: Duration = .seconds(600),
        retry: RetryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(5), maxDelay: .milliseconds(40), rateLimitDelay: .milliseconds(20)),
        timeout: Duration = .seconds(5), maxConcurrentRequests: Int = 8, baseURL: BybitBaseURL? = nil
    ) throws -> BybitClient {
        var configuration = BybitClient.Configuration(baseURL: try baseURL ?? self.baseURL)
        configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: budget, window: window, banCooldown: banCooldown), clock: ContinuousClock())
        configuration.retry = retry
        configuration.requestTimeout = timeout
        configuration.maxConcurrentRequests = maxConcurrentRequests
        return try BybitClient(configuration: configuration)
    }

    /// Queues fault answers for the next requests about `symbol`.
    func script(_ symbol: String, _ faults: String...) async throws {
        let response = try await control.get("\(server.baseURL)/__script?symbol=\(symbol)&faults=\(faults.joined(separator: ","))")
        precondition(response.status == 200)
    }

    /// How many market requests the fake has seen for `symbol`.
    func requestCount(_ symbol: String) async throws -> Int {
        Int(try await control.get("\(server.baseURL)/__count?symbol=\(symbol)").text) ?? -1
    }

    /// The request targets the fake has seen for `symbol`.
    func requestLog(_ symbol: String) async throws -> [String] {
        try await control.get("\(server.baseURL)/__log?symbol=\(symbol)").text.split(separator: "\n").map(String.init)
    }
}
