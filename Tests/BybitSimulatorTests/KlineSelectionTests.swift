import BybitSimulator
import Testing

/// Bybit's start/end/limit rules (facts sheet §1 and §7), one test per rule.
@Suite struct KlineSelectionTests {
    let harness: Harness
    init() throws { harness = try Harness() }

    @Test func docsExampleIncludesTheCandleStartingAtEnd() throws {
        let starts = try harness.starts(
            "/v5/market/kline?category=inverse&symbol=BTCUSD&interval=60&start=1670601600000&end=1670608800000")
        #expect(starts == [1_670_608_800_000, 1_670_605_200_000, 1_670_601_600_000])
    }

    @Test func indexDocsExampleWithLimitReturnsTheNewestCandles() throws {
        let rows = try harness.rows(
            "/v5/market/index-price-kline?category=inverse&symbol=BTCUSDZ22&interval=1&start=1670601600000&end=1670608800000&limit=2")
        #expect(rows.map { $0[0] } == ["1670608800000", "1670608740000"])
        #expect(rows.allSatisfy { $0.count == 5 })
    }

    @Test func markDocsExampleWithLimitOne() throws {
        let starts = try harness.starts(
            "/v5/market/mark-price-kline?category=linear&symbol=BTCUSDT&interval=15&start=1670601600000&end=1670608800000&limit=1")
        #expect(starts == [1_670_608_800_000])
    }

    @Test func candleContainingAMidMinuteStartIsIncluded() throws {
        // ro-soku#3: start=1683472808000 returned the 1683472800000 candle.
        let later = try Harness(now: .milliseconds(1_683_480_000_000))
        let starts = try later.starts("/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1&start=1683472808000&end=1683473100000")
        #expect(starts.last == 1_683_472_800_000)
        #expect(starts.first == 1_683_473_100_000)
        #expect(starts.count == 6)
    }

    @Test func midCandleEndIncludesTheCandleContainingIt() throws {
        let starts = try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=60&start=1670580000000&end=1670590799999")
        #expect(starts == [1_670_587_200_000, 1_670_583_600_000, 1_670_580_000_000])
    }

    @Test func tenMinuteRangeOfOneMinuteCandlesHasElevenCandles() throws {
        // ccxt PR#21178: both ends inclusive.
        let starts = try harness.starts("/v5/market/kline?symbol=ETHUSDT&interval=1&start=1670599980000&end=1670600580000")
        #expect(starts.count == 11)
        #expect(starts.first == 1_670_600_580_000)
        #expect(starts.last == 1_670_599_980_000)
    }

    @Test func rangeLongerThanLimitKeepsTheNewestCandlesUpToEnd() throws {
        let starts = try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=60&start=1670000000000&end=1670590800000&limit=20")
        #expect(starts.count == 20)
        #expect(starts.first == 1_670_590_800_000)
        #expect(starts.last == 1_670_522_400_000)  // 19 hours before end
    }

    @Test func onlyStartWalksForwardFromTheCandleContainingStart() throws {
        let starts = try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=5&start=1670000100000&limit=4")
        // floor(1670000100000 / 5 min) = 1670000100000 (already aligned); rows newest first.
        #expect(starts == [1_670_001_000_000, 1_670_000_700_000, 1_670_000_400_000, 1_670_000_100_000])
    }

    @Test(arguments: [("linear", "BTCUSDT", Int64(1_585_526_400_000)), ("spot", "BTCUSDT", 1_625_443_200_000), ("inverse", "BTCUSD", 1_542_240_000_000)])
    func startBeforeListingWithLimitOneReturnsTheFirstCandle(category: String, symbol: String, launch: Int64) throws {
        // pybit#186: start=9999&limit=1 returns the symbol's earliest candle.
        let starts = try harness.starts("/v5/market/kline?category=\(category)&symbol=\(symbol)&interval=D&start=9999&limit=1")
        #expect(starts == [launch])
    }

    @Test func onlyEndReturnsTheLatestCandlesUpToEnd() throws {
        let starts = try harness.starts("/v5/market/kline?symbol=SOLUSDT&interval=15&end=1670600000000&limit=3")
        #expect(starts == [1_670_599_800_000, 1_670_598_900_000, 1_670_598_000_000])
    }

    @Test func neitherReturnsTheLatestCandlesEndingWithTheOpenOne() throws {
        let starts = try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=1&limit=5")
        let now = Harness.docsNow.millisecondsSinceEpoch
        #expect(starts == (0..<5).map { now - now % 60_000 - Int64($0) * 60_000 })
    }

    @Test func defaultLimitIs200() throws {
        #expect(try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=1").count == 200)
        #expect(try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1000").count == 1000)
    }

    @Test(arguments: [
        "/v5/market/kline?symbol=TONUSDT&interval=60",  // listed 2023-11-01, after "now"
        "/v5/market/kline?symbol=BTCUSDT&interval=D&end=1585526399999",  // end before the listing
        "/v5/market/kline?symbol=BTCUSDT&interval=D&start=1000&end=2000",
        "/v5/market/kline?symbol=BTCUSDT&interval=1&start=1670700000000",  // start in the future
        "/v5/market/kline?symbol=BTCUSDT&interval=1&start=1670600000000&end=1670500000000",  // start after end
    ])
    func emptyListWhenNoCandleMatches(target: String) throws {
        #expect(try harness.rows(target).isEmpty)
    }

    @Test func deliveredFutureHasNoCandlesAfterDelivery() throws {
        let afterDelivery = try Harness(now: .milliseconds(1_675_000_000_000))
        let starts = try afterDelivery.starts("/v5/market/kline?category=inverse&symbol=BTCUSDZ22&interval=60&limit=2")
        // Delivery is 2022-12-30T08:00:00Z = 1672387200000: the last candle is 07:00.
        #expect(starts == [1_672_383_600_000, 1_672_380_000_000])
    }

    @Test(arguments: CandleInterval.allCases)
    func candlesAreAlignedAndConsecutive(interval: CandleInterval) throws {
        // Inverse BTCUSD has traded since 2018: enough history for 40 monthly candles.
        let starts = try harness.starts("/v5/market/kline?category=inverse&symbol=BTCUSD&interval=\(interval)&limit=40")
        #expect(starts.count == 40)
        for (newer, older) in zip(starts, starts.dropFirst()) {
            #expect(interval.candleStart(after: older) == newer)
            #expect(interval.candleStart(containing: older) == older)
        }
    }

    @Test func calendarIntervalsAlignToUTCDayMondayAndFirstOfMonth() throws {
        // docsNow is Friday 2022-12-09.
        #expect(try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=D&limit=2") == [1_670_544_000_000, 1_670_457_600_000])
        #expect(try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=W&limit=2") == [1_670_198_400_000, 1_669_593_600_000])
        #expect(try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=M&limit=4")
            == [1_669_852_800_000, 1_667_260_800_000, 1_664_582_400_000, 1_661_990_400_000])
    }

    @Test(arguments: CandleInterval.allCases)
    func extremeTimestampsNeitherCrashNorInvent(interval: CandleInterval) throws {
        let min = Int64.min, max = Int64.max
        #expect(try harness.starts("/v5/market/kline?category=inverse&symbol=BTCUSD&interval=\(interval)&start=\(min)&limit=1") == [1_542_240_000_000].map { interval.candleStart(containing: $0) })
        #expect(try harness.rows("/v5/market/kline?category=inverse&symbol=BTCUSD&interval=\(interval)&start=\(max)").isEmpty)
        #expect(try harness.rows("/v5/market/kline?category=inverse&symbol=BTCUSD&interval=\(interval)&end=\(min)").isEmpty)
        #expect(try harness.starts("/v5/market/kline?category=inverse&symbol=BTCUSD&interval=\(interval)&end=\(max)&limit=1")
            == [interval.candleStart(containing: Harness.docsNow.millisecondsSinceEpoch)])
    }
}
