import BybitSimulator
import LookoutBybit
import LookoutRateLimit
import LookoutCurl
import Testing

@Suite("BybitClient retries, rate limits and bans against the simulated exchange")
struct BybitClientFailureTests {
    typealias E = Exchange

    func fetch(_ client: BybitClient, _ symbol: String = "BTCUSDT") async throws(BybitError) -> KlinePage<Kline> {
        try await client.klines(symbol: symbol, interval: .oneMinute, start: E.january2024, end: E.january2024 + 2 * E.minute)
    }

    @Test("transient failures are retried", arguments: [
        ("http:500", RetryReason.serverError), ("html:502", .serverError), ("http:503", .serverError), ("http:429", .tooManyRequests),
        ("10016", .serverBusy), ("5004", .serverBusy), ("malformed", .malformedResponse), ("html:200", .malformedResponse),
        ("10006", .rateLimited), ("reset", .connection), ("reset:100", .connection), ("truncate:40", .connection),
    ])
    func transientFailuresAreRetried(fault: String, reason: RetryReason) async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            try exchange.inject(fault + "@next:1")
            let page = try await fetch(client)
            #expect(page.rows.count == 3)
            #expect(exchange.requests == 2)
            let stats = client.stats
            #expect(stats.retries == 1)
            #expect(stats.retriesByReason == [reason: 1])
            #expect(stats.requests == 2)
            #expect(stats.failedRequests == 1)
            #expect(stats.rateLimitHits == (reason == .rateLimited ? 1 : 0))
        }
    }

    @Test func rateLimitResetHeaderIsHonoured() async throws {
        // The exchange's clock stands 100 ms into a second; a 10006 with headers asks to
        // come back at the next whole second, 900 ms later on the server's clock.
        let clock = ManualSimulatorClock(.milliseconds(E.january2024 + 40 * E.day + 100))
        try await withExchange(SimulatorBehavior(bapiHeaders: BapiHeaders(includeOnRateLimited: true, requireAPIKey: false)), clock: clock) { exchange in
            let client = try exchange.client()
            try exchange.inject("10006@next:1")
            let started = ContinuousClock.now
            _ = try await fetch(client)
            #expect(ContinuousClock.now - started >= .milliseconds(900))
            #expect(client.stats.rateLimitHits == 1)
        }
    }

    @Test func retriesAreBoundedAndTheErrorNamesSymbolAndRequest() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            try exchange.inject("http:500")
            let error = await #expect(throws: BybitError.self) { try await fetch(client, "ETHUSDT") }
            #expect(error?.code == .serverBusy)
            #expect(error?.httpStatus == 500)
            #expect(error?.attempts == 4)
            #expect(error?.symbol == "ETHUSDT")
            #expect(error?.request == "GET \(exchange.url)/v5/market/kline?category=linear&symbol=ETHUSDT&interval=1&start=\(E.january2024)&end=\(E.january2024 + 2 * E.minute)")
            #expect(error?.message == "HTTP 500 from Bybit; body \"500 Internal Server Error\" (gave up after 4 attempts)")
            #expect(exchange.requests == 4)
        }
    }

    @Test func aRateLimitStormEndsAtTheDeadlineWithATypedErrorWithoutHammering() async throws {
        try await withExchange { exchange in
            // No retries of transient failures at all: throttling is waited out regardless.
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(5), maxDelay: .milliseconds(40),
                                                                rateLimitDelay: .milliseconds(20), deadline: .milliseconds(1500)))
            try exchange.inject("10006@always@/v5/market/kline")
            let started = ContinuousClock.now
            let batch = await client.fetchMultipleSymbols(["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT", "DOTUSDT"], interval: .oneMinute, limit: 10)
            #expect(batch.values.isEmpty)
            // Throttling does not use up attempts (there are none to spare here): the
            // deadline ends the calls, after more than one try for at least one symbol (the
            // shrinking budget makes the others wait in line).
            #expect(batch.failures.contains { $0.1.attempts >= 2 })
            for (symbol, error) in batch.failures {
                #expect(error.code == .rateLimited)
                #expect(error.retCode == 10006)
                #expect(error.httpStatus == 200)
                #expect(error.retMsg == "Too many visits. Exceeded the API Rate Limit.")
                #expect(error.symbol == symbol)
                #expect(error.message.hasSuffix("retry deadline)"))
                #expect(error.attempts >= 1, "\(error)")
                #expect(error.earlierAttempts.count == error.attempts - 1)
                #expect(error.earlierAttempts.allSatisfy { $0 == BybitError.Attempt(code: .rateLimited, httpStatus: 200, retCode: 10006) })
            }
            // Pauses every request to the host honours keep the storm from hammering: each
            // pause is at least 10 ms, and after one each symbol sends at most once.
            let elapsed = ContinuousClock.now - started
            #expect(exchange.requests <= 6 * (Int(elapsed / .milliseconds(10)) + 1))
            #expect(client.stats.rateLimitHits == exchange.requests)
            #expect(elapsed >= .milliseconds(1000))
            // The shared budget shrank multiplicatively (once per window of 1 s).
            #expect(client.configuration.upstream.effectiveLimit < 10_000)
        }
    }

    @Test func theFinalErrorIsTheLastAttemptsWithTheEarlierOnesListed() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            try exchange.inject("10006@next:1", "10016@next:2", "http:502@always")
            let error = await #expect(throws: BybitError.self) { try await fetch(client) }
            #expect(error?.code == .serverBusy)
            #expect(error?.httpStatus == 502)
            #expect(error?.retCode == nil)
            #expect(error?.retMsg == nil)
            #expect(error?.attempts == 5)
            #expect(error?.earlierAttempts == [
                .init(code: .rateLimited, httpStatus: 200, retCode: 10006),
                .init(code: .serverBusy, httpStatus: 200, retCode: 10016),
                .init(code: .serverBusy, httpStatus: 200, retCode: 10016),
                .init(code: .serverBusy, httpStatus: 502),
            ])
            #expect(error?.description.contains("earlier: rateLimited (HTTP 200, retCode 10006); serverBusy (HTTP 200, retCode 10016); serverBusy (HTTP 200, retCode 10016); serverBusy (HTTP 502)") == true)
        }
    }

    @Test func aShortStormIsRiddenOut() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(5), rateLimitDelay: .milliseconds(20)))
            try exchange.inject("10006@next:3")
            let page = try await fetch(client)
            #expect(page.rows.count == 3)
            #expect(client.stats.rateLimitHits == 3)
            #expect(client.stats.retriesByReason == [.rateLimited: 3])
            #expect(exchange.requests == 4)
        }
    }

    @Test func unknownSymbolsAreBadRequestsAndNeverRetried() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let error = await #expect(throws: BybitError.self) { try await fetch(client, "NOPEUSDT") }
            #expect(error?.code == .badRequest)
            #expect(error?.retCode == 10001)
            #expect(error?.retMsg == "Not supported symbols")
            #expect(error?.attempts == 1)
            #expect(error?.description.contains("symbol NOPEUSDT") == true)
            #expect(error?.description.contains("GET \(exchange.url)/v5/market/kline?category=linear&symbol=NOPEUSDT") == true)
            #expect(exchange.requests == 1)
            #expect(client.stats.retries == 0)
        }
    }

    @Test func a403BanFailsFastUntilTheCooldownEnds() async throws {
        let limit = IPRateLimit(limit: 2, window: .seconds(30), banDuration: .seconds(60))
        try await withExchange(SimulatorBehavior(ipRateLimit: limit)) { exchange in
            let client = try exchange.client(banCooldown: .milliseconds(600))
            _ = try await fetch(client)
            _ = try await fetch(client)
            let banned = await #expect(throws: BybitError.self) { try await fetch(client, "ETHUSDT") }
            #expect(banned?.code == .ipBanned)
            #expect(banned?.httpStatus == 403)
            #expect(banned?.attempts == 1)
            #expect(banned?.symbol == "ETHUSDT")
            // Every call to the host now fails without reaching the exchange.
            let refused = await #expect(throws: BybitError.self) { try await client.serverTime() }
            #expect(refused?.code == .ipBanned)
            #expect(refused?.attempts == 0)
            #expect(refused?.message.contains("refused for another") == true)
            #expect(exchange.requests == 3)
            #expect(exchange.simulator.statistics().bansIssued == 1)
            #expect(client.configuration.upstream.banRemaining(host: try exchange.baseURL.host) != nil)
            #expect(client.stats.bans == 1)
            #expect(client.stats.banRejections == 1)
            // Once the exchange lifts the ban and the cool-down passes, calls go through.
            exchange.simulator.liftBans()
            try await Task.sleep(for: .milliseconds(700))
            #expect(try await fetch(client).rows.count == 3)
        }
    }

    @Test func otherHTTPStatusesAreNotRetried() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(baseURL: try BybitBaseURL(exchange.url + "/wrong-prefix"))
            let error = await #expect(throws: BybitError.self) { try await fetch(client) }
            #expect(error?.code == .httpStatus)
            #expect(error?.httpStatus == 404)
            #expect(error?.retCode == 10017)
            #expect(error?.attempts == 1)
            #expect(error?.message.contains("Route not found.") == true)
            #expect(exchange.requests == 1)
        }
    }

    @Test func slowAnswersTimeOut() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: .none, timeout: .milliseconds(300))
            try exchange.inject("delay:2s")
            let error = await #expect(throws: BybitError.self) { try await fetch(client) }
            #expect(error?.code == .timeout)
            #expect(error?.transport?.code == .timedOut)
            #expect(error?.symbol == "BTCUSDT")
        }
    }

    @Test func slowBodiesTimeOut() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: .none, timeout: .milliseconds(300))
            try exchange.inject("slow:16:50ms@always@/v5/market/kline")
            let error = await #expect(throws: BybitError.self) { try await fetch(client) }
            #expect(error?.code == .timeout)
            #expect(error?.transport?.code == .timedOut)
        }
    }

    @Test func aConnectionCutOnEveryAttemptIsATransportError() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            try exchange.inject("truncate:40")
            let error = await #expect(throws: BybitError.self) { try await fetch(client, "SOLUSDT") }
            #expect(error?.code == .transport)
            #expect(error?.transport?.code == .truncatedBody)
            #expect(error?.attempts == 4)
            #expect(error?.symbol == "SOLUSDT")
            #expect(error?.message.hasSuffix("(gave up after 4 attempts)") == true)
            #expect(exchange.requests == 4)
        }
    }

    @Test func refusedConnectionsAreTransportErrorsAfterRetries() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5)), baseURL: try BybitBaseURL("http://127.0.0.1:1"))
            let error = await #expect(throws: BybitError.self) { try await fetch(client) }
            #expect(error?.code == .transport)
            #expect(error?.transport?.code == .connectionFailed)
            #expect(error?.attempts == 2)
            #expect(error?.httpStatus == nil)
            #expect(error?.request?.hasPrefix("GET http://127.0.0.1:1/v5/market/kline?") == true)
        }
    }

    @Test func unresolvableHostsAreTransportErrors() async throws {
        try await withExchange { exchange in
            // `.invalid` never resolves (RFC 2606).
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5)), baseURL: try BybitBaseURL("http://bybit-sim.invalid"))
            let error = await #expect(throws: BybitError.self) { try await fetch(client) }
            #expect(error?.code == .transport)
            #expect(error?.transport?.code == .dnsFailed)
            #expect(error?.symbol == "BTCUSDT")
        }
    }

    @Test func cancellationStopsTheCall() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            try exchange.inject("delay:3s")
            let task = Task { try await fetch(client) }
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(ContinuousClock.now - started < .seconds(2))
            guard case .failure(let error) = result else { Issue.record("expected cancellation"); return }
            #expect((error as? BybitError)?.code == .cancelled)
        }
    }

    @Test func theBudgetIsEnforcedBeforeSending() async throws {
        try await withExchange { exchange in
            // 3 requests per 500 ms: 7 concurrent requests need two more windows.
            let client = try exchange.client(budget: 3, window: .milliseconds(500))
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for symbol in ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT", "DOTUSDT", "LTCUSDT"] {
                    group.addTask { _ = try await client.klines(symbol: symbol, interval: .oneHour, limit: 1) }
                }
                try await group.waitForAll()
            }
            #expect(ContinuousClock.now - started >= .milliseconds(1000))
            #expect(client.stats.limiterWait >= .milliseconds(1000))
            #expect(client.stats.requests == 7)
            #expect(exchange.simulator.statistics().maxRequestsInWindow <= 7)
        }
    }
}
