import LookoutBybit
import Testing

/// Parameters outside what Bybit documents are refused before anything is sent.
@Suite("Market endpoints check their parameters before sending")
struct MarketValidationTests {
    typealias Call = @Sendable (BybitClient) async throws -> Void

    static let cases: [(String, Call, String)] = [
        ("depth 0", { _ = try await $0.orderBook(category: .linear, symbol: "BTCUSDT", depth: 0) }, "depth 0 is out of range; Bybit accepts 1...1000 levels per side for linear"),
        ("depth 1001", { _ = try await $0.orderBook(category: .spot, symbol: "BTCUSDT", depth: 1001) }, "depth 1001 is out of range; Bybit accepts 1...1000 levels per side for spot"),
        ("option depth 26", { _ = try await $0.orderBook(category: .option, symbol: "BTC-30DEC22-18000-C", depth: 26) }, "depth 26 is out of range; Bybit accepts 1...25 levels per side for option"),
        ("spot trades 61", { _ = try await $0.recentTrades(category: .spot, symbol: "BTCUSDT", limit: 61) }, "limit 61 is out of range; Bybit accepts 1...60 trades for spot"),
        ("trades without symbol", { _ = try await $0.recentTrades(category: .linear, symbol: nil) }, "recent trades of linear need a symbol"),
        ("funding spot", { _ = try await $0.fundingHistory(category: .spot, symbol: "BTCUSDT") }, "category 'spot' is not served by /v5/market/funding/history; use one of: linear, inverse"),
        ("funding startTime alone", { _ = try await $0.fundingHistory(symbol: "BTCUSDT", startTime: 1_717_416_000_000) }, "startTime needs endTime on funding history (Bybit refuses startTime alone)"),
        ("funding limit 201", { _ = try await $0.fundingHistory(symbol: "BTCUSDT", limit: 201) }, "limit 201 is out of range; Bybit accepts 1...200 settlements per request"),
        ("open interest limit 0", { _ = try await $0.openInterest(symbol: "BTCUSDT", interval: .oneHour, limit: 0) }, "limit 0 is out of range; Bybit accepts 1...200 samples per request"),
        ("open interest startTime alone", { _ = try await $0.openInterest(symbol: "BTCUSDT", interval: .oneHour, startTime: 1) }, "startTime needs endTime on open interest (Bybit silently ignores startTime alone)"),
        ("cursor garbage", { _ = try await $0.openInterest(symbol: "BTCUSDT", interval: .oneHour, cursor: "next page please") },
         "cursor 'next page please' is not one Bybit sends (expected something like lastid%3D19408935%26lasttime%3D1780617600); pass nextPageCursor from the previous page unchanged"),
        ("ratio limit 501", { _ = try await $0.accountRatio(symbol: "BTCUSDT", period: .oneDay, limit: 501) }, "limit 501 is out of range; Bybit accepts 1...500 samples per request"),
        ("ratio swapped times", { _ = try await $0.accountRatio(symbol: "BTCUSDT", period: .oneDay, startTime: 2, endTime: 1) }, "startTime 2 is after endTime 1; swap them or widen the range"),
        ("option ticker without coin", { _ = try await $0.tickers(category: .option) }, "option tickers need a symbol or a baseCoin (e.g. BTC)"),
        ("lower-case ticker", { _ = try await $0.tickers(category: .spot, symbol: "btcusdt") }, "symbol 'btcusdt' must be upper case (Bybit rejects lower case); use 'BTCUSDT'"),
    ]

    @Test("invalid parameters", arguments: cases.map { ($0.0, $0.2) })
    func refused(name: String, message: String) async throws {
        // Nothing listens on port 9: a request that was sent would fail as a transport error.
        let client = try BybitClient(configuration: BybitClient.Configuration(baseURL: try BybitBaseURL("http://127.0.0.1:9")))
        let call = try #require(Self.cases.first { $0.0 == name }?.1)
        let error = await #expect(throws: BybitError.self) { try await call(client) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == message)
        #expect(error?.attempts == 0)
    }
}
