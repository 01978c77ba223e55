import BybitSimulator
import LookoutBybit
import LookoutRateLimit
import Testing

@Suite("A whole range keeping what succeeded")
struct PartialCandlesTests {
    typealias E = Exchange

    /// 10,000 one-minute candles: ten pages of 1,000.
    static let from = E.january2024
    static let to = from + 9_999 * E.minute

    /// The page (0-based) a start time falls in.
    static func page(_ start: Int64) -> Int64 { (start - from) / (1000 * E.minute) }

    /// The exact sub-range page `index` covers.
    static func pageRange(_ index: Int64) -> (Int64, Int64) {
        (from + index * 1000 * E.minute, from + (index * 1000 + 999) * E.minute)
    }

    @Test func permanentFailuresLeaveEveryOtherCandleAndNameTheExactGaps() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5)), maxConcurrentRequests: 1)
            // Every 3rd kline request gets HTTP 400 (never retried): with one request in
            // flight, pages 3, 6 and 9 (1-based) are lost.
            try exchange.inject("http:400@every:3@/v5/market/kline")
            let partial = try await client.partialCandles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.from, to: Self.to)
            #expect(exchange.requests == 10)
            try exchange.inject()
            let whole = try await client.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.from, to: Self.to)
            #expect(whole.rows.count == 10_000)
            #expect(!partial.isComplete)
            #expect(partial.series.pages == 10)
            #expect(partial.missing.map { [$0.from, $0.to] } == [2, 5, 8].map { [Self.pageRange($0).0, Self.pageRange($0).1] })
            #expect(partial.missing.allSatisfy { $0.error.code == .httpStatus && $0.error.httpStatus == 400 && $0.error.symbol == "BTCUSDT" })
            // Every other candle, exactly as a complete fetch returns it.
            #expect(partial.series.rows == whole.rows.filter { ![2, 5, 8].contains(Self.page($0.startTime)) })
            #expect(partial.series.rows.count == 7_000)
        }
    }

    @Test func concurrentPagesLoseOnlyTheFailedOnes() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 1), maxConcurrentRequests: 8)
            try exchange.inject("http:400@every:3@/v5/market/kline")
            let partial = try await client.partialCandles(symbol: "ETHUSDT", interval: .oneMinute, from: Self.from, to: Self.to)
            try exchange.inject()
            let whole = try await client.candles(symbol: "ETHUSDT", interval: .oneMinute, from: Self.from, to: Self.to)
            // Which pages arrive 3rd, 6th and 9th depends on scheduling; that three whole
            // pages are missing, named exactly, and nothing else is, does not.
            let lost = partial.missing.map { Self.page($0.from) }
            #expect(lost.count == 3)
            #expect(lost == lost.sorted())
            #expect(partial.missing.map { [$0.from, $0.to] } == lost.map { [Self.pageRange($0).0, Self.pageRange($0).1] })
            #expect(partial.series.rows == whole.rows.filter { !lost.contains(Self.page($0.startTime)) })
        }
    }

    @Test func gapsAreClampedToTheRangeAskedFor() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 1), maxConcurrentRequests: 1)
            // A range starting inside a candle and ending mid-page: both pages fail.
            try exchange.inject("http:503@always@/v5/market/kline")
            let from = Self.from + 30_000
            let to = Self.from + 1_499 * E.minute + 1
            let partial = try await client.partialCandles(symbol: "BTCUSDT", interval: .oneMinute, from: from, to: to)
            #expect(partial.series.rows.isEmpty)
            #expect(partial.missing.count == 2)
            // From the first candle start at or after `from` (a `from` inside a candle skips it).
            #expect(partial.missing.first?.from == Self.from + E.minute)
            #expect(partial.missing.last?.to == to)
            #expect(zip(partial.missing, partial.missing.dropFirst()).allSatisfy { $0.to < $1.from })
            #expect(partial.missing.allSatisfy { $0.error.httpStatus == 503 })
        }
    }

    @Test func aCompleteRangeIsTheSameAsCandles() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let partial = try await client.partialCandles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.from, to: Self.to)
            let whole = try await client.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.from, to: Self.to)
            #expect(partial.isComplete)
            #expect(partial.series == whole)
        }
    }

    @Test func candlesStillFailTheWholeRangeOnOneFailedPage() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(retry: RetryPolicy(maxAttempts: 1), maxConcurrentRequests: 1)
            try exchange.inject("http:400@every:3@/v5/market/kline")
            await #expect(throws: BybitError.self) {
                _ = try await client.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.from, to: Self.to)
            }
            // It stops at the first failure: the 3rd page's request was the last one sent.
            #expect(exchange.requests == 3)
        }
    }

    @Test func anErrorEveryPageWouldShareEndsThePartialFetch() async throws {
        try await withExchange { exchange in
            let client = try exchange.client(maxConcurrentRequests: 2)
            do throws(BybitError) {
                _ = try await client.partialCandles(symbol: "NOPEUSDT", interval: .oneMinute, from: Self.from, to: Self.to)
                Issue.record("an unknown symbol returned a result")
            } catch {
                #expect(error.code == .badRequest)
                #expect(error.symbol == "NOPEUSDT")
            }
            // Not one request per page: at most the two in flight when the first answered.
            #expect(exchange.requests <= 2)
        }
    }

    @Test func aRangeWithNoCandleAtAllIsStillNoData() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            do throws(BybitError) {
                _ = try await client.partialCandles(symbol: "BTCUSDT", interval: .day, from: 1_546_300_800_000, to: 1_548_979_200_000)
                Issue.record("an empty range returned a result")
            } catch {
                #expect(error.code == .noData)
            }
        }
    }
}
