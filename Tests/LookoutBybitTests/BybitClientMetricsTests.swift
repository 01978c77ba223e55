import BybitSimulator
import Lookout
import LookoutBybit
import LookoutTesting
import Testing

@Suite("The client's events recorded as the declared metrics")
struct BybitClientMetricsTests {
    typealias E = Exchange

    @Test func requestsErrorsRetriesAndCandlesAreCounted() async throws {
        try await withExchange { exchange in
            let registry = Registry()
            let client = try exchange.client(metrics: try BybitClientMetrics(registry: registry))
            try exchange.inject("10016@next:1@/v5/market/kline")
            _ = try await client.klines(symbol: "BTCUSDT", interval: .fifteenMinutes, start: E.january2024, end: E.january2024 + 9 * 900_000)
            _ = try? await client.klines(symbol: "NOPEUSDT", interval: .fifteenMinutes, limit: 5)
            _ = try? await client.klines(symbol: "BTCUSDT", interval: .fifteenMinutes, limit: 0)
            _ = try await client.serverTime()

            func value(_ name: String, _ labels: [String: String] = [:]) -> Double? { registry.sampleValue(name, labels: labels) }
            let ok = ["endpoint": "kline", "category": "linear", "status": "200", "ret_code": "0"]
            #expect(value("bybit_requests_total", ok) == 1)
            #expect(value("bybit_requests_total", ok.merging(["ret_code": "10016"]) { $1 }) == 1)
            #expect(value("bybit_requests_total", ok.merging(["ret_code": "10001"]) { $1 }) == 1)
            #expect(value("bybit_requests_total", ["endpoint": "time", "category": "none", "status": "200", "ret_code": "0"]) == 1)
            #expect(value("bybit_request_failures_total", ["endpoint": "kline", "code": "serverBusy"]) == 1)
            #expect(value("bybit_request_failures_total", ["endpoint": "kline", "code": "badRequest"]) == 1)
            #expect(value("bybit_errors_total", ["endpoint": "kline", "code": "badRequest"]) == 1)
            #expect(value("bybit_errors_total", ["endpoint": "kline", "code": "invalidArgument"]) == 1)
            #expect(value("bybit_errors_total", ["endpoint": "kline", "code": "serverBusy"]) == nil)
            #expect(value("bybit_retries_total", ["endpoint": "kline", "reason": "serverBusy"]) == 1)
            #expect(value("bybit_candles_fetched_total", ["endpoint": "kline", "interval": "15"]) == 10)
            #expect(value("bybit_request_duration_seconds_count", ["endpoint": "kline"]) == 3)
            #expect(value("bybit_parse_duration_seconds_count", ["endpoint": "kline"]) == 3)
            #expect(value("bybit_limiter_wait_seconds_count") == 4)
            #expect(value("bybit_requests_in_flight") == 0)
            #expect(value("bybit_ip_ban_end_time_seconds") == 0)
        }
    }

    @Test func rateLimitsAndBansAreCounted() async throws {
        let limit = IPRateLimit(limit: 2, window: .seconds(30), banDuration: .seconds(60))
        try await withExchange(SimulatorBehavior(ipRateLimit: limit)) { exchange in
            let registry = Registry()
            let client = try exchange.client(banCooldown: .seconds(600), metrics: try BybitClientMetrics(registry: registry))
            try exchange.inject("10006@next:1")
            _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1)
            _ = try? await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1)
            _ = try? await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1)
            #expect(registry.sampleValue("bybit_rate_limit_hits_total", labels: ["endpoint": "kline"]) == 1)
            #expect(registry.sampleValue("bybit_ip_bans_total") == 1)
            #expect(registry.sampleValue("bybit_ban_rejections_total", labels: ["endpoint": "kline"]) == 1)
            #expect(registry.sampleValue("bybit_requests_total", labels: ["endpoint": "kline", "category": "linear", "status": "403", "ret_code": "none"]) == 1)
            #expect(registry.sampleValue("bybit_errors_total", labels: ["endpoint": "kline", "code": "ipBanned"]) == 2)
            // The gauge holds the ban's end in Unix seconds: about ten minutes from now.
            let banEnd = try #require(registry.sampleValue("bybit_ip_ban_end_time_seconds"))
            let now = Double(exchange.simulator.now().millisecondsSinceEpoch) / 1000
            #expect(banEnd > now + 590 && banEnd < now + 610)
        }
    }

    @Test func rangesAndBatchesAreObserved() async throws {
        try await withExchange { exchange in
            let registry = Registry()
            let client = try exchange.client(metrics: try BybitClientMetrics(registry: registry))
            let batch = await client.fetchMultipleSymbols(["BTCUSDT", "ETHUSDT", "NOPEUSDT"], interval: .oneMinute, from: E.january2024, to: E.january2024 + 2499 * E.minute)
            #expect(batch.failures.count == 1)
            #expect(registry.sampleValue("bybit_range_fetch_pages_count") == 2)
            #expect(registry.sampleValue("bybit_range_fetch_pages_sum") == 6)
            #expect(registry.sampleValue("bybit_range_fetch_duration_seconds_count") == 2)
            #expect(registry.sampleValue("bybit_batch_duration_seconds_count", labels: ["size": "2-5"]) == 1)
            #expect(registry.sampleValue("bybit_batch_symbols_total", labels: ["outcome": "ok"]) == 2)
            #expect(registry.sampleValue("bybit_batch_symbols_total", labels: ["outcome": "failed"]) == 1)
            #expect(registry.sampleValue("bybit_candles_fetched_total", labels: ["endpoint": "kline", "interval": "1"]) == 5000)
        }
    }

    @Test func marketRowCountersStartAtZeroAndBatchesRunElsewhereAreRecorded() async throws {
        try await withExchange { exchange in
            let registry = Registry()
            let client = try exchange.client(metrics: try BybitClientMetrics(registry: registry))
            for endpoint in ["tickers", "orderbook", "recent_trade", "funding_history", "open_interest", "account_ratio"] {
                #expect(registry.sampleValue("bybit_market_rows_fetched_total", labels: ["endpoint": endpoint]) == 0, "\(endpoint)")
            }
            client.recordBatch(symbols: 3, failures: 1, duration: .milliseconds(30))
            client.recordBatch(symbols: 1, failures: 5, duration: .milliseconds(10))
            #expect(registry.sampleValue("bybit_batch_duration_seconds_count", labels: ["size": "2-5"]) == 1)
            #expect(registry.sampleValue("bybit_batch_duration_seconds_count", labels: ["size": "1"]) == 1)
            #expect(registry.sampleValue("bybit_batch_symbols_total", labels: ["outcome": "ok"]) == 2)
            #expect(registry.sampleValue("bybit_batch_symbols_total", labels: ["outcome": "failed"]) == 2, "failures are capped at the symbol count")
        }
    }

    @Test func clientsSharingAMetricsObjectAddUp() async throws {
        try await withExchange { exchange in
            let registry = Registry()
            let metrics = try BybitClientMetrics(registry: registry)
            _ = try await exchange.client(metrics: metrics).serverTime()
            _ = try await exchange.client(metrics: try BybitClientMetrics(registry: registry)).serverTime()
            #expect(registry.sampleValue("bybit_requests_total", labels: ["endpoint": "time", "category": "none", "status": "200", "ret_code": "0"]) == 2)
        }
    }
}
