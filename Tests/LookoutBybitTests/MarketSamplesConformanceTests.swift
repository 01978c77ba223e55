import Foundation
import LookoutBybit
import LookoutRateLimit
import Testing
import SimulatorTestSupport
import TestSupport

/// Each documented sample body, served verbatim over HTTP, read through the public client:
/// every value must come back with the exchange's exact digits.
@Suite("Market endpoints read Bybit's documented samples exactly")
struct MarketSamplesConformanceTests {
    func client(_ url: String) throws -> BybitClient {
        var configuration = BybitClient.Configuration(baseURL: try BybitBaseURL(url))
        configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 1000, window: .seconds(1)), clock: ContinuousClock())
        return try BybitClient(configuration: configuration)
    }

    func serve<T>(_ path: String, _ sample: String, _ body: (BybitClient) async throws -> T) async throws -> T {
        try await withFixedResponses([path: try Samples.bytes(sample)]) { url in try await body(try client(url)) }
    }

    @Test func inverseTicker() async throws {
        let result = try await serve("/v5/market/tickers", "tickers_inverse_docs_example.json") { try await $0.tickers(category: .inverse, symbol: "BTCUSD") }
        #expect(golden(result) == Self.inverseTicker)
    }

    @Test func spotTicker() async throws {
        let ticker = try await serve("/v5/market/tickers", "tickers_spot_docs_example.json") { try await $0.ticker(category: .spot, symbol: "BTCUSDT") }
        #expect(golden(ticker) == Self.spotTicker)
    }

    @Test func optionTicker() async throws {
        let result = try await serve("/v5/market/tickers", "tickers_option_docs_example.json") { try await $0.tickers(category: .option, symbol: "BTC-30DEC22-18000-C") }
        #expect(golden(result) == Self.optionTicker)
    }

    @Test func spotOrderBook() async throws {
        let book = try await serve("/v5/market/orderbook", "orderbook_spot_docs_example.json") { try await $0.orderBook(category: .spot, symbol: "BTCUSDT") }
        #expect(golden(book) == Self.orderBook)
        #expect(book.midPrice?.description == "65521.585")
    }

    @Test func spotRecentTrade() async throws {
        let trades = try await serve("/v5/market/recent-trade", "recent_trade_spot_docs_example.json") { try await $0.recentTrades(category: .spot, symbol: "BTCUSDT", limit: 1) }
        #expect(golden(trades) == Self.recentTrade)
    }

    @Test func linearFundingHistory() async throws {
        let history = try await serve("/v5/market/funding/history", "funding_history_linear_docs_example.json") { try await $0.fundingHistory(symbol: "ETHPERP", limit: 1) }
        #expect(golden(history) == Self.funding)
    }

    @Test func inverseOpenInterest() async throws {
        let page = try await serve("/v5/market/open-interest", "open_interest_inverse_1d_docs_example.json") {
            try await $0.openInterest(category: .inverse, symbol: "BTCUSD", interval: .oneDay, limit: 5)
        }
        #expect(golden(page) == Self.openInterest)
    }

    @Test func linearAccountRatio() async throws {
        let page = try await serve("/v5/market/account-ratio", "account_ratio_linear_1h_docs_example.json") {
            try await $0.accountRatio(symbol: "BTCUSDT", period: .oneHour, startTime: 1696089600000, endTime: 1696262400000, limit: 2)
        }
        #expect(golden(page) == Self.accountRatio)
    }
}
