@testable import LookoutBybit
import LookoutRateLimit
import Testing
import SimulatorTestSupport

/// A kline body without the envelope's `time`: which candle is still open is judged on the
/// exchange's clock (the response's `Date` header, else `/v5/market/time`), never on the
/// local clock alone. The rows here are from 2024, so the local clock would call every
/// candle closed; the exchange's clock says the newest is still open.
@Suite("Kline open candle without the body's time")
struct KlineServerClockTests {
    static let first: Int64 = 1_717_416_000_000 // 2024-06-03 12:00:00 UTC
    static let kline = "/v5/market/kline"
    static let time = "/v5/market/time"
    /// Newest first, as Bybit sends; no top-level `time`.
    static let body = Array(#"{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[["1717416060000","2","3","1","2","10","20"],["1717416000000","1","2","1","2","10","20"]]},"retExtInfo":{}}"#.utf8)

    static func client(_ url: String) throws -> BybitClient {
        var configuration = BybitClient.Configuration(baseURL: try BybitBaseURL(url))
        configuration.upstream = UpstreamGuard(configuration: .init(requestsPerWindow: 1000, window: .seconds(1)), clock: ContinuousClock())
        configuration.retry = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2), rateLimitDelay: .milliseconds(1))
        return try BybitClient(configuration: configuration)
    }

    @Test("the Date header is the server clock")
    func dateHeader() async throws {
        let headers = [Self.kline: ["Date": "Mon, 03 Jun 2024 12:01:30 GMT"]]
        try await withFixedResponses([Self.kline: Self.body], headers: headers) { url in
            let page = try await Self.client(url).klines(symbol: "BTCUSDT", interval: .oneMinute)
            #expect(page.serverTime == Self.first + 90_000)
            #expect(page.rows.map(\.startTime) == [Self.first, Self.first + 60_000])
            #expect(page.rows.map(\.isClosed) == [true, false])
            #expect(page.closedRows.count == 1)
        }
    }

    @Test("without a usable Date header, the server-time endpoint is asked")
    func serverTimeEndpoint() async throws {
        let time = Array(#"{"retCode":0,"retMsg":"OK","result":{"timeSecond":"1717416075","timeNano":"1717416075000000000"},"retExtInfo":{},"time":1717416075000}"#.utf8)
        let headers = [Self.kline: ["Date": "Monday, 03-Jun-24 12:01:30 GMT"]]
        try await withFixedResponses([Self.kline: Self.body, Self.time: time], headers: headers) { url in
            let page = try await Self.client(url).klines(symbol: "BTCUSDT", interval: .oneMinute)
            #expect(page.serverTime == Self.first + 75_000)
            #expect(page.rows.map(\.isClosed) == [true, false])
        }
    }

    @Test("no body time, no usable Date header and no server time: an error, not the local clock")
    func noClock() async throws {
        let headers = [Self.kline: ["Date": "yesterday"]]
        try await withFixedResponses([Self.kline: Self.body], headers: headers) { url in
            let error = await #expect(throws: BybitError.self) {
                _ = try await Self.client(url).klines(symbol: "BTCUSDT", interval: .oneMinute)
            }
            #expect(error?.code == .httpStatus, "\(String(describing: error))")
            #expect(error?.request?.hasSuffix(Self.time) == true, "\(String(describing: error))")
        }
    }

    @Test("IMF-fixdate parsing", arguments: [
        ("Mon, 03 Jun 2024 12:01:30 GMT", Optional<Int64>(1_717_416_090_000)),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Thu, 29 Feb 2024 23:59:59 GMT", 1_709_251_199_000),
        ("Fri, 31 Feb 2024 00:00:00 GMT", nil),
        ("Mon, 03 Jun 2024 24:00:00 GMT", nil),
        ("Mon, 03 Jun 2024 12:01:30 UTC", nil),
        ("Mon, 03 Jon 2024 12:01:30 GMT", nil),
        ("Monday, 03-Jun-24 12:01:30 GMT", nil),
        ("Mon Jun  3 12:01:30 2024", nil),
        ("", nil),
    ])
    func httpDate(header: String, expected: Int64?) {
        #expect(HTTPDate.milliseconds(header) == expected)
    }
}
