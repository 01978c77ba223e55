import BybitSimulator
import LookoutBybit
import LookoutRateLimit
import Testing

@Suite("Streaming a range page by page")
struct CandlePageStreamTests {
    typealias E = Exchange

    @Test func pagesAreAscendingUniqueAndEqualToTheWholeRange() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let from = E.january2024
            let to = from + 4_321 * E.minute
            var streamed: [Kline] = []
            let stream = try client.candlePages(symbol: "ETHUSDT", interval: .oneMinute, from: from, to: to, lookAhead: 3)
            #expect(stream.pageCount == 5)
            for await page in stream { streamed += try page.result.get() }
            let whole = try await client.candles(symbol: "ETHUSDT", interval: .oneMinute, from: from, to: to)
            #expect(streamed == whole.rows)
            #expect(streamed.count == 4_322)
        }
    }

    @Test func permanentFailuresOnSomePagesLeaveEveryOtherCandle() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5)))
            // Every 3rd kline request fails with HTTP 400 (never retried): with one page in
            // flight at a time, pages 3, 6 and 9 are lost.
            try exchange.inject("http:400@every:3@/v5/market/kline")
            let from = E.january2024
            let to = from + 9_999 * E.minute
            var candles = 0
            var missing: [(Int64, Int64, BybitError.Code)] = []
            for await page in try client.candlePages(symbol: "BTCUSDT", interval: .oneMinute, from: from, to: to, lookAhead: 1) {
                switch page.result {
                case .success(let rows): candles += rows.count
                case .failure(let error): missing.append((page.from, page.to, error.code))
                }
            }
            #expect(candles == 7_000)
            #expect(missing.map(\.0) == [2, 5, 8].map { from + Int64($0) * 1000 * E.minute })
            #expect(missing.map(\.1) == [2, 5, 8].map { from + (Int64($0) * 1000 + 999) * E.minute })
            #expect(missing.allSatisfy { $0.2 == .httpStatus })
        }
    }
}
