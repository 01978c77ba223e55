import LookoutBybit
import LookoutCurl
import Testing

@Suite("BybitClient retries, rate limits and bans against the fake exchange")
struct BybitClientFailureTests {
    let fake: FakeBybit
    init() throws { fake = try FakeBybit() }

    func fetch(_ client: BybitClient, _ symbol: String) async throws(BybitError) -> KlinePage<Kline> {
        try await client.klines(symbol: symbol, interval: .oneMinute, start: FakeBybit.launch, end: FakeBybit.launch + 120_000)
    }

    @Test("transient failures are retried", arguments: [
        ("500", RetryReason.serverError), ("502-html", .serverError), ("429", .tooManyRequests), ("10016", .serverBusy),
        ("5004-null", .serverBusy), ("truncated", .connection), ("malformed", .malformedResponse), ("10006", .rateLimited),
    ])
    func transientFailuresAreRetried(fault: String, reason: RetryReason) async throws {
        let client = try fake.client()
        let symbol = "RETRY\(fault.uppercased().filter { $0.isLetter || $0.isNumber })"
        try await fake.script(symbol, fault)
        let page = try await fetch(client, symbol)
        #expect(page.rows.count == 3)
        #expect(try await fake.requestCount(symbol) == 2)
        let stats = client.stats
        #expect(stats.retries == 1)
        #expect(stats.retriesByReason == [reason: 1])
        #expect(stats.requests == 2)
        #expect(stats.failedRequests == 1)
        #expect(stats.rateLimitHits == (reason == .rateLimited ? 1 : 0))
    }

    @Test func rateLimitResetHeaderIsHonoured() async throws {
        let client = try fake.client()
        try await fake.script("RESETUSDT", "10006-reset")
        let started = ContinuousClock.now
        _ = try await fetch(client, "RESETUSDT")
        // The fake asks for 300 ms; the client waits at least that long.
        #expect(ContinuousClock.now - started >= .milliseconds(250))
        #expect(client.stats.rateLimitHits == 1)
    }

    @Test func retriesAreBoundedAndTheErrorSaysWhy() async throws {
        let client = try fake.client()
        try await fake.script("DOWNUSDT", "500", "500", "500", "500", "500")
        let error = await #expect(throws: BybitError.self) { try await fetch(client, "DOWNUSDT") }
        #expect(error?.code == .serverBusy)
        #expect(error?.httpStatus == 500)
        #expect(error?.attempts == 4)
        #expect(error?.symbol == "DOWNUSDT")
        #expect(error?.request?.hasPrefix("GET \(fake.server.baseURL)/v5/market/kline?category=linear&symbol=DOWNUSDT") == true)
        #expect(error?.message.hasSuffix("(gave up after 4 attempts)") == true)
        #expect(try await fake.requestCount("DOWNUSDT") == 4)
    }

    @Test func exhaustedRateLimitIsTyped() async throws {
        let client = try fake.client()
        try await fake.script("BUSYUSDT", "10006", "10006", "10006", "10006")
        let error = await #expect(throws: BybitError.self) { try await fetch(client, "BUSYUSDT") }
        #expect(error?.code == .rateLimited)
        #expect(error?.retCode == 10006)
        #expect(error?.retMsg == "Too many visits. Exceeded the API Rate Limit.")
        #expect(error?.httpStatus == 200)
        #expect(client.stats.rateLimitHits == 4)
    }

    @Test("parameter errors are never retried", arguments: ["10001"])
    func parameterErrorsAreNotRetried(fault: String) async throws {
        let client = try fake.client()
        try await fake.script("BADPARAMUSDT", fault)
        let error = await #expect(throws: BybitError.self) { try await fetch(client, "BADPARAMUSDT") }
        #expect(error?.code == .badRequest)
        #expect(error?.retCode == 10001)
        #expect(error?.retMsg == "Request parameter error")
        #expect(error?.attempts == 1)
        #expect(try await fake.requestCount("BADPARAMUSDT") == 1)
        #expect(client.stats.retries == 0)
    }

    @Test func unknownSymbolsAreBadRequests() async throws {
        let client = try fake.client()
        let error = await #expect(throws: BybitError.self) { try await fetch(client, "UNKNOWNCOIN") }
        #expect(error?.code == .badRequest)
        #expect(error?.retMsg == "Not supported symbols")
        #expect(error?.description.contains("symbol UNKNOWNCOIN") == true)
    }

    @Test func forbiddenBansTheHostAndFailsFast() async throws {
        let client = try fake.client(banCooldown: .milliseconds(600))
        try await fake.script("BANUSDT", "403")
        let banned = await #expect(throws: BybitError.self) { try await fetch(client, "BANUSDT") }
        #expect(banned?.code == .ipBanned)
        #expect(banned?.httpStatus == 403)
        #expect(banned?.attempts == 1)
        // Other symbols on the same host fail without a request reaching the exchange.
        let refused = await #expect(throws: BybitError.self) { try await fetch(client, "AFTERBANUSDT") }
        #expect(refused?.code == .ipBanned)
        #expect(refused?.attempts == 0)
        #expect(refused?.message.contains("refused for another") == true)
        #expect(try await fake.requestCount("AFTERBANUSDT") == 0)
        #expect(client.configuration.upstream.banRemaining(host: try fake.baseURL.host) != nil)
        let stats = client.stats
        #expect(stats.bans == 1)
        #expect(stats.banRejections == 1)
        // After the cool-down the host is usable again.
        try await Task.sleep(for: .milliseconds(700))
        #expect(try await fetch(client, "AFTERBANUSDT").rows.count == 3)
    }

    @Test func otherHTTPStatusesAreNotRetried() async throws {
        let client = try fake.client(baseURL: try BybitBaseURL(fake.server.baseURL + "/wrong-prefix"))
        let error = await #expect(throws: BybitError.self) { try await fetch(client, "NOTFOUNDUSDT") }
        #expect(error?.code == .httpStatus)
        #expect(error?.httpStatus == 404)
        #expect(error?.attempts == 1)
        #expect(error?.message.contains("<html><body>404 Not Found</body></html>") == true)
    }

    @Test func timeoutsAreTyped() async throws {
        let client = try fake.client(retry: .none, timeout: .milliseconds(300))
        try await fake.script("SLOWUSDT", "slow-2000")
        let error = await #expect(throws: BybitError.self) { try await fetch(client, "SLOWUSDT") }
        #expect(error?.code == .timeout)
        #expect(error?.transport?.code == .timedOut)
    }

    @Test func refusedConnectionsAreTransportErrorsAfterRetries() async throws {
        let client = try fake.client(retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5)), baseURL: try BybitBaseURL("http://127.0.0.1:1"))
        let error = await #expect(throws: BybitError.self) { try await fetch(client, "NOSERVERUSDT") }
        #expect(error?.code == .transport)
        #expect(error?.transport?.code == .connectionFailed)
        #expect(error?.attempts == 2)
        #expect(error?.httpStatus == nil)
    }

    @Test func cancellationStopsTheCall() async throws {
        let client = try fake.client()
        try await fake.script("CANCELUSDT", "slow-3000")
        let task = Task { try await fetch(client, "CANCELUSDT") }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - started < .seconds(2))
        guard case .failure(let error) = result else { Issue.record("expected cancellation"); return }
        #expect((error as? BybitError)?.code == .cancelled)
    }

    @Test func theBudgetIsEnforcedBeforeSending() async throws {
        // 3 requests per 500 ms: 7 concurrent requests need two more windows.
        let client = try fake.client(budget: 3, window: .milliseconds(500))
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<7 {
                group.addTask { _ = try await client.klines(symbol: "BUDGET\(index)USDT", interval: .oneHour, limit: 1) }
            }
            try await group.waitForAll()
        }
        #expect(ContinuousClock.now - started >= .milliseconds(1000))
        #expect(client.stats.limiterWait >= .milliseconds(1000))
        #expect(client.stats.requests == 7)
    }
}
