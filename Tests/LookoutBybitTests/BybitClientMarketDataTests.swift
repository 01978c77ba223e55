import BybitSimulator
import LookoutBybit
import Lookout
import LookoutTesting
import Testing

/// The new market endpoints end to end: the client against the simulated exchange.
@Suite("BybitClient tickers, book, trades, funding and statistics against the simulated exchange")
struct BybitClientMarketDataTests {
    typealias E = Exchange
    /// 2024-06-03T12:00:30Z, frozen so every answer is the same on every run.
    static let clock = ManualSimulatorClock(.milliseconds(1_717_416_030_000))

    @Test func tickerBookAndTradesAgreeWithTheOpenCandle() async throws {
        try await withExchange(clock: Self.clock) { exchange in
            let client = try exchange.client()
            let ticker = try await client.ticker(category: .linear, symbol: "BTCUSDT")
            let candle = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1)
            #expect(ticker.lastPrice == candle.rows.last?.close)
            #expect(ticker.fundingIntervalHours == 8)
            #expect(ticker.nextFundingTime == 1_717_430_400_000)
            let book = try await client.orderBook(category: .linear, symbol: "BTCUSDT", depth: 50)
            #expect(book.bids.count == 50 && book.asks.count == 50)
            #expect(book.midPrice == ticker.lastPrice)
            #expect(book.bids.first?.price == ticker.bid1Price)
            let trades = try await client.recentTrades(category: .linear, symbol: "BTCUSDT", limit: 100)
            #expect(trades.trades.count == 100)
            #expect(trades.trades.last?.price == ticker.lastPrice)
            #expect(zip(trades.trades, trades.trades.dropFirst()).allSatisfy { $0.time <= $1.time })
            let all = try await client.tickers(category: .spot)
            #expect(all.tickers.map(\.symbol) == ["BTCUSDT", "DOGEUSDT", "ETHBTC", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ZECUSDT"])
        }
    }

    @Test func fundingRatesPageBackwardsByEndTime() async throws {
        try await withExchange(clock: Self.clock) { exchange in
            let client = try exchange.client()
            let from: Int64 = 1_704_067_200_000  // 2024-01-01
            let rates = try await client.fundingRates(symbol: "ETHUSDT", from: from, to: 1_717_416_030_000)
            #expect(rates.count == 464)  // 154 days of three settlements, then 00:00 and 08:00 on 2024-06-03
            #expect(rates.first?.timestamp == from)
            #expect(rates.last?.timestamp == 1_717_401_600_000)
            #expect(zip(rates, rates.dropFirst()).allSatisfy { $1.timestamp - $0.timestamp == 8 * E.hour })
            #expect(exchange.simulator.statistics().requestsByPath == ["/v5/market/funding/history": 3])
        }
    }

    @Test func historiesFollowTheCursor() async throws {
        try await withExchange(clock: Self.clock) { exchange in
            let client = try exchange.client()
            let from: Int64 = 1_716_000_000_000, to: Int64 = 1_717_416_030_000
            let interest = try await client.openInterestHistory(symbol: "BTCUSDT", interval: .fifteenMinutes, from: from, to: to)
            #expect(interest.count == 1574)  // 02:45 on 2024-05-18 to 12:00 on 2024-06-03
            #expect(zip(interest, interest.dropFirst()).allSatisfy { $1.timestamp - $0.timestamp == 15 * E.minute })
            let ratios = try await client.accountRatioHistory(category: .inverse, symbol: "BTCUSD", period: .fiveMinutes, from: from, to: to)
            #expect(ratios.count == 4721)
            #expect(ratios.allSatisfy { ExactDecimal.midpoint($0.buyRatio, $0.sellRatio) == ExactDecimal("0.5") })
            #expect(exchange.simulator.statistics().requestsByPath == ["/v5/market/open-interest": 8, "/v5/market/account-ratio": 10])
        }
    }

    @Test func exchangeRejectionsAreBadRequestsAndEveryEndpointIsCounted() async throws {
        try await withExchange(clock: Self.clock) { exchange in
            let registry = Registry()
            let client = try exchange.client(metrics: try BybitClientMetrics(registry: registry))
            let unknown = await #expect(throws: BybitError.self) { try await client.ticker(category: .linear, symbol: "NOPEUSDT") }
            #expect(unknown?.code == .badRequest)
            #expect(unknown?.retMsg == "Not supported symbols")
            let cursor = await #expect(throws: BybitError.self) {
                try await client.openInterest(symbol: "BTCUSDT", interval: .oneHour, cursor: "lastid%3Dnope")
            }
            #expect(cursor?.code == .badRequest)
            #expect(cursor?.retCode == 10001)
            _ = try await client.orderBook(category: .spot, symbol: "BTCUSDT")
            _ = try await client.accountRatio(symbol: "ETHUSDT", period: .oneDay, limit: 3)
            func value(_ name: String, _ labels: [String: String]) -> Double? { registry.sampleValue(name, labels: labels) }
            #expect(value("bybit_market_rows_fetched_total", ["endpoint": "orderbook"]) == 2)
            #expect(value("bybit_market_rows_fetched_total", ["endpoint": "account_ratio"]) == 3)
            #expect(value("bybit_errors_total", ["endpoint": "tickers", "code": "badRequest"]) == 1)
            #expect(value("bybit_errors_total", ["endpoint": "open_interest", "code": "badRequest"]) == 1)
            #expect(value("bybit_requests_total", ["endpoint": "orderbook", "category": "spot", "status": "200", "ret_code": "0"]) == 1)
        }
    }
}
