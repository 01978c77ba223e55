import LookoutBybit
import LookoutRateLimit
import Testing
import SimulatorTestSupport
import TestSupport

/// Mangled answers of the market endpoints (a corpus of the ways an answer can be wrong):
/// every one must fail with `malformedResponse` naming what was wrong, never come back as data.
@Suite("Market endpoints refuse malformed answers")
struct MarketMalformedResponseTests {
    typealias Call = @Sendable (BybitClient) async throws -> Void

    static func envelope(_ result: String) -> String {
        #"{"retCode":0,"retMsg":"OK","result":"# + result + #","retExtInfo":{},"time":1717416030000}"#
    }

    static let ticker: Call = { _ = try await $0.tickers(category: .linear, symbol: "BTCUSDT") }
    static let book: Call = { _ = try await $0.orderBook(category: .linear, symbol: "BTCUSDT") }
    static let trades: Call = { _ = try await $0.recentTrades(category: .linear, symbol: "BTCUSDT") }
    static let funding: Call = { _ = try await $0.fundingHistory(symbol: "BTCUSDT") }
    static let openInterest: Call = { _ = try await $0.openInterest(symbol: "BTCUSDT", interval: .oneHour) }
    static let ratio: Call = { _ = try await $0.accountRatio(symbol: "BTCUSDT", period: .oneHour) }

    static let cases: [(String, String, String, String)] = [
        ("tickers", "/v5/market/tickers", #"{"category":"linear","list":[{"symbol":"BTCUSDT","lastPrice":60000.5}]}"#, "result.list[0].lastPrice: expected a string, found a number"),
        ("tickers", "/v5/market/tickers", #"{}"#, "result.list is missing"),
        ("tickers", "/v5/market/tickers", #"{"category":"linear","list":[{"symbol":"ETHUSDT","lastPrice":"1"}]}"#, "result.list[0].symbol is ETHUSDT, but BTCUSDT was asked for"),
        ("tickers", "/v5/market/tickers", #"{"category":"spot","list":[]}"#, "result.category is spot, but linear was asked for"),
        ("tickers", "/v5/market/tickers", #"{"category":"linear","list":[{"symbol":"BTCUSDT","lastPrice":"1,5"}]}"#, #"result.list[0].lastPrice: "1,5" is not a decimal number"#),
        ("orderbook", "/v5/market/orderbook", #"{"s":"BTCUSDT","b":[["1","1"],["2","1"]],"a":[],"ts":1717416030000,"u":1}"#, "result.b[1]: bid 2 is not below the previous 1; bids must be best (highest) first"),
        ("orderbook", "/v5/market/orderbook", #"{"s":"BTCUSDT","b":[["5","1"]],"a":[["4","1"]],"ts":1717416030000,"u":1}"#, "the book is crossed: best bid 5 is not below best ask 4"),
        ("orderbook", "/v5/market/orderbook", #"{"s":"BTCUSDT","b":[["5","1","x"]],"a":[],"ts":1717416030000,"u":1}"#, "result.b[0] has more than 2 fields; a level is [price, size]"),
        ("orderbook", "/v5/market/orderbook", #"{"s":"BTCUSDT","b":[["-5","1"]],"a":[],"ts":1717416030000,"u":1}"#, "result.b[0][0]: -5 is not a positive price"),
        ("orderbook", "/v5/market/orderbook", #"{"s":"BTCUSDT","b":[],"a":[],"u":1}"#, "result.ts is missing"),
        ("trades", "/v5/market/recent-trade", #"{"category":"linear","list":[{"execId":"1","symbol":"BTCUSDT","price":"1","size":"1","side":"Long","time":"1717416030000","isBlockTrade":false}]}"#, #"result.list[0].side: "Long" is neither Buy nor Sell"#),
        ("trades", "/v5/market/recent-trade", #"{"category":"linear","list":[{"execId":"1","symbol":"BTCUSDT","price":"1","size":"1","side":"Buy","time":"1717416030000","isBlockTrade":"false"}]}"#, "result.list[0].isBlockTrade: expected true or false, found a string"),
        ("trades", "/v5/market/recent-trade", #"{"category":"linear","list":[{"execId":"1","symbol":"BTCUSDT","price":"1","size":"1","side":"Buy","time":"1717416030","isBlockTrade":false}]}"#, "result.list[0].time: 1717416030 looks like seconds, not milliseconds"),
        ("funding", "/v5/market/funding/history", #"{"category":"linear","list":[{"symbol":"BTCUSDT","fundingRate":"0.0001","fundingRateTimestamp":"1717401600000"},{"symbol":"BTCUSDT","fundingRate":"0.0001","fundingRateTimestamp":"1717430400000"}]}"#, "result.list[1]: time 1717430400000 is not before the previous row's 1717401600000; rows must be newest first without repeats"),
        ("funding", "/v5/market/funding/history", #"{"category":"linear","list":[{"symbol":"BTCUSDT","fundingRate":"","fundingRateTimestamp":"1717401600000"}]}"#, "result.list[0].fundingRate is empty; a decimal number is required"),
        ("open-interest", "/v5/market/open-interest", #"{"symbol":"BTCUSDT","category":"linear","list":[{"openInterest":"5","timestamp":"1717416030000"}],"nextPageCursor":""}"#, "result.list[0].timestamp 1717416030000 is not on a 1h boundary"),
        ("open-interest", "/v5/market/open-interest", #"{"symbol":"BTCUSDT","category":"linear","list":[{"openInterest":"-5","timestamp":"1717416000000"}],"nextPageCursor":""}"#, "result.list[0].openInterest: -5 is negative"),
        ("ratio", "/v5/market/account-ratio", #"{"list":[{"symbol":"BTCUSDT","buyRatio":"1.5","sellRatio":"0.5","timestamp":"1717416000000"}]}"#, "result.list[0].buyRatio: 1.5 is more than 1; ratios are shares of accounts"),
        ("ratio", "/v5/market/account-ratio", #"{"list":[{"symbol":"BTCUSDT","buyRatio":"0.5","timestamp":"1717416000000"}]}"#, "result.list[0] needs both buyRatio and sellRatio"),
    ]

    static func call(_ name: String) -> Call {
        switch name {
        case "tickers": ticker
        case "orderbook": book
        case "trades": trades
        case "funding": funding
        case "open-interest": openInterest
        default: ratio
        }
    }

    @Test("malformed answers", arguments: cases)
    func refused(endpoint: String, path: String, result: String, message: String) async throws {
        try await withFixedResponses([path: Array(Self.envelope(result).utf8)]) { url in
            var configuration = BybitClient.Configuration(baseURL: try BybitBaseURL(url))
            configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 1000, window: .seconds(1)), clock: ContinuousClock())
            configuration.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2), rateLimitDelay: .milliseconds(1))
            let client = try BybitClient(configuration: configuration)
            let error = await #expect(throws: BybitError.self) { try await Self.call(endpoint)(client) }
            #expect(error?.code == .malformedResponse)
            // Bodies the parser refuses are retried once (a truncated body is transient);
            // answers refused after parsing are not. Either way the reason comes first.
            #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
        }
    }
}
