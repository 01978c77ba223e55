import LookoutBybit
import LookoutRateLimit
import Testing

@Suite("Parameters are checked before anything is sent")
struct BybitClientValidationTests {
    /// A client whose base URL has nothing listening: validation must fail first.
    let client: BybitClient
    init() throws {
        var configuration = BybitClient.Configuration(baseURL: try BybitBaseURL("http://127.0.0.1:1"))
        configuration.upstream = UpstreamGuard(clock: ContinuousClock())
        client = try BybitClient(configuration: configuration)
    }

    static let day: Int64 = 86_400_000

    @Test("invalid calls", arguments: [
        ("kline option", "category 'option' is not served by /v5/market/kline; use one of: spot, linear, inverse"),
        ("index spot", "category 'spot' is not served by /v5/market/index-price-kline; use one of: linear, inverse"),
        ("premium inverse", "category 'inverse' is not served by /v5/market/premium-index-price-kline; use one of: linear"),
        ("mark spot", "category 'spot' is not served by /v5/market/mark-price-kline; use one of: linear, inverse, option"),
        ("limit 0", "limit 0 is out of range; Bybit accepts 1...1000 candles per request (use candles(…) for longer ranges)"),
        ("limit 1001", "limit 1001 is out of range; Bybit accepts 1...1000 candles per request (use candles(…) for longer ranges)"),
        ("option mark limit 501", "limit 501 is out of range; Bybit accepts 1...500 candles per request (use candles(…) for longer ranges)"),
        ("start after end", "start 2000 is after end 1000; swap them or widen the range"),
        ("negative start", "start -1 is negative; pass milliseconds since 1970-01-01 UTC"),
        ("from after to", "from 2000 is after to 1000; swap them or widen the range"),
        ("lower case", "symbol 'btcusdt' must be upper case (Bybit rejects lower case); use 'BTCUSDT'"),
        ("empty symbol", "symbol must be 1–64 characters, got ''"),
        ("slash", "symbol 'BTC/USDT' may contain only A–Z, 0–9, '-' and '_' (for example BTCUSDT or BTC-27DEC24-100000-C)"),
        ("huge range", "the range 0...315360000000 at interval 1 needs 5257 requests, more than maxPagesPerRange (2000); split it or raise the limit"),
        ("range kline option", "category 'option' is not served by /v5/market/kline; use one of: spot, linear, inverse"),
    ])
    func invalidCalls(name: String, message: String) async throws {
        let client = self.client
        let error = await #expect(throws: BybitError.self) {
            switch name {
            case "kline option": _ = try await client.klines(category: .option, symbol: "BTCUSDT", interval: .oneMinute)
            case "index spot": _ = try await client.priceKlines(.indexPrice, category: .spot, symbol: "BTCUSDT", interval: .oneMinute)
            case "premium inverse": _ = try await client.priceKlines(.premiumIndexPrice, category: .inverse, symbol: "BTCUSD", interval: .oneMinute)
            case "mark spot": _ = try await client.priceKlines(.markPrice, category: .spot, symbol: "BTCUSDT", interval: .oneMinute)
            case "limit 0": _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 0)
            case "limit 1001": _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 1001)
            case "option mark limit 501": _ = try await client.priceKlines(.markPrice, category: .option, symbol: "BTC-27DEC24-100000-C", interval: .oneMinute, limit: 501)
            case "start after end": _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, start: 2000, end: 1000)
            case "negative start": _ = try await client.klines(symbol: "BTCUSDT", interval: .oneMinute, start: -1)
            case "from after to": _ = try await client.candles(symbol: "BTCUSDT", interval: .oneMinute, from: 2000, to: 1000)
            case "lower case": _ = try await client.klines(symbol: "btcusdt", interval: .oneMinute)
            case "empty symbol": _ = try await client.klines(symbol: "", interval: .oneMinute)
            case "slash": _ = try await client.candles(symbol: "BTC/USDT", interval: .day, from: 0, to: 1)
            case "huge range": _ = try await client.candles(symbol: "BTCUSDT", interval: .oneMinute, from: 0, to: 3650 * Self.day)
            case "range kline option": _ = try await client.candles(category: .option, symbol: "BTCUSDT", interval: .oneMinute, from: 0, to: 1)
            default: Issue.record("unknown case \(name)")
            }
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == message)
        #expect(error?.attempts == 0)
        #expect(client.stats.requests == 0)
    }

    @Test("interval spellings", arguments: ["3d", "1m", "60m", "d", "", "1H"])
    func unknownIntervals(text: String) {
        #expect(throws: BybitError(code: .invalidArgument, message: "interval '\(text)' is not a Bybit kline interval; use one of: 1 3 5 15 30 60 120 240 360 720 D W M")) {
            try KlineInterval(apiValue: text)
        }
    }

    @Test func everyAPISpellingParses() throws {
        for interval in KlineInterval.allCases {
            #expect(try KlineInterval(apiValue: interval.rawValue) == interval)
        }
    }

    @Test("base URLs", arguments: [
        ("https://api.bybit.com/", "https://api.bybit.com", "api.bybit.com"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000", "127.0.0.1:9000"),
        ("https://proxy.internal/bybit", "https://proxy.internal/bybit", "proxy.internal"),
    ])
    func validBaseURLs(text: String, normalised: String, host: String) throws {
        let url = try BybitBaseURL(text)
        #expect(url.rawValue == normalised)
        #expect(url.host == host)
    }

    @Test("invalid base URLs", arguments: ["api.bybit.com", "ftp://api.bybit.com", "https://", "http://", "http:///x", "http://h:0", "http://h:65536", "http://h:99999", "http://h:port", "http://h:", "https://user@host", "https://api.bybit.com?x=1", "https://a b"])
    func invalidBaseURLs(text: String) {
        #expect(throws: BybitError.self) { try BybitBaseURL(text) }
    }

    @Test func defaultsPointAtMainnet() {
        #expect(BybitBaseURL.mainnet.rawValue == "https://api.bybit.com")
        #expect(BybitBaseURL.testnet.rawValue == "https://api-testnet.bybit.com")
        #expect(BybitClient.Configuration().baseURL == .mainnet)
        #expect(UpstreamGuard<ContinuousClock>.shared.configuration == UpstreamGuard<ContinuousClock>.Configuration(requestsPerWindow: 500, window: .seconds(5), banCooldown: .seconds(600)))
    }
}
