import LookoutBybit
@testable import lookout
import Testing

/// Cache-hit bodies are reused only for candles that render to the same bytes.
@Suite struct KlinesResponseCacheTests {
    static func candle(close: String, closed: Bool = true) -> Kline {
        Kline(startTime: 1_717_200_000_000, open: ExactDecimal("1")!, high: ExactDecimal("2")!, low: ExactDecimal("0.5")!,
              close: ExactDecimal(close)!, volume: ExactDecimal("3")!, turnover: ExactDecimal("4")!, isClosed: closed)
    }

    static func result(_ candles: [Kline]) -> KlinesResult {
        KlinesResult(symbol: "BTCUSDT", category: .linear, interval: .fifteenMinutes, candles: candles,
                     fromCache: candles.count, fromUpstream: 0, upstreamRequests: 0)
    }

    static let key = KlinesResponseCache.Key(symbol: "BTCUSDT", category: .linear, interval: .fifteenMinutes,
                                             selection: .latest(limit: 1), excludeOpen: false)

    @Test func equalButDifferentlyWrittenDecimalsAreRenderedAgain() {
        let cache = KlinesResponseCache()
        let first = cache.body(Self.key, for: Self.result([Self.candle(close: "1.0")]))
        #expect(String(decoding: first, as: UTF8.self).contains(#""close":"1.0""#))
        let again = cache.body(Self.key, for: Self.result([Self.candle(close: "1.0")]))
        #expect(again == first)
        let rewritten = cache.body(Self.key, for: Self.result([Self.candle(close: "1.00")]))
        #expect(rewritten == Self.result([Self.candle(close: "1.00")]).encodedBody)
        let reopened = cache.body(Self.key, for: Self.result([Self.candle(close: "1.00", closed: false)]))
        #expect(String(decoding: reopened, as: UTF8.self).hasSuffix(#""closed":false}]}"#))
    }

    @Test func bodiesBeyondTheBudgetAreServedButNotKept() {
        let cache = KlinesResponseCache(maxBytes: 64)
        let body = cache.body(Self.key, for: Self.result([Self.candle(close: "1")]))
        #expect(body == Self.result([Self.candle(close: "1")]).encodedBody)
        #expect(cache.body(Self.key, for: Self.result([Self.candle(close: "1")])) == body)
    }
}
