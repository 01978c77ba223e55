import BybitSimulator
import Testing

/// The price model: plausible candles, consistent across intervals, exact decimals.
@Suite struct CandleConsistencyTests {
    /// A candle parsed exactly.
    struct Candle: Equatable {
        var start: Int64
        var open, high, low, close: Dec
        var volume, turnover: Dec?

        init(_ row: [String]) throws {
            start = try #require(Int64(row[0]))
            open = try #require(Dec(row[1]))
            high = try #require(Dec(row[2]))
            low = try #require(Dec(row[3]))
            close = try #require(Dec(row[4]))
            if row.count > 6 {
                let volume: Dec = try #require(Dec(row[5]))
                let turnover: Dec = try #require(Dec(row[6]))
                self.volume = volume
                self.turnover = turnover
            }
        }

        /// The aggregate of consecutive candles given oldest first.
        init(aggregating parts: [Candle], start: Int64) {
            self = parts[0]
            self.start = start
            for part in parts.dropFirst() {
                high = max(high, part.high)
                low = min(low, part.low)
                close = part.close
                volume = volume.flatMap { total in part.volume.map { total + $0 } }
                turnover = turnover.flatMap { total in part.turnover.map { total + $0 } }
            }
        }
    }

    let harness: Harness
    init() throws { harness = try Harness(now: .milliseconds(1_764_000_123_456)) }

    func candles(_ target: String) throws -> [Candle] {
        try harness.rows(target).map(Candle.init)
    }

    static let symbols = [("linear", "BTCUSDT"), ("linear", "1000PEPEUSDT"), ("spot", "ZECUSDT"), ("spot", "ETHBTC"), ("inverse", "BTCUSD"), ("linear", "XRPUSDT")]

    @Test(arguments: symbols, ["1", "15", "240", "D", "M"])
    func everyCandleIsWellFormed(market: (String, String), interval: String) throws {
        let (category, symbol) = market
        let instrument = try #require(harness.simulator.universe.instrument(category: MarketCategory(rawValue: category)!, symbol: symbol))
        let tick = try #require(Dec(instrument.tickSize.description))
        let step = try #require(Dec(instrument.quantityStep.description))
        let rows = try harness.rows("/v5/market/kline?category=\(category)&symbol=\(symbol)&interval=\(interval)&limit=300")
        #expect(!rows.isEmpty)
        for row in rows {
            #expect(row.count == 7)
            let candle = try Candle(row)
            #expect(candle.low > Dec(scaled: 0))
            #expect(candle.high >= max(candle.open, candle.close))
            #expect(candle.low <= min(candle.open, candle.close))
            for price in row[1...4] {
                #expect(Dec.decimals(price) <= instrument.tickSize.scale, "\(price) has more decimals than the tick \(instrument.tickSize)")
                #expect(try #require(Dec(price)).isMultiple(of: tick), "\(price) is not a multiple of \(instrument.tickSize)")
            }
            #expect(try #require(candle.volume).isMultiple(of: step))
            #expect(!row[1...6].contains { $0.hasSuffix(".") || ($0.contains(".") && $0.hasSuffix("0")) }, "kline numbers are trimmed: \(row)")
        }
    }

    @Test(arguments: ["/v5/market/kline?symbol=BTCUSDT", "/v5/market/mark-price-kline?symbol=ETHUSDT", "/v5/market/index-price-kline?category=inverse&symbol=BTCUSD", "/v5/market/premium-index-price-kline?symbol=SOLUSDT"], ["1", "60", "D"])
    func consecutiveCandlesChain(endpoint: String, interval: String) throws {
        let candles = try candles("\(endpoint)&interval=\(interval)&limit=500")
        #expect(candles.count == 500)
        for (newer, older) in zip(candles, candles.dropFirst()) {
            #expect(newer.open == older.close, "candle \(newer.start) opens where \(older.start) closed")
        }
    }

    /// (coarse interval, fine interval, fine candles per coarse candle)
    @Test(arguments: [("3", "1", 3), ("15", "1", 15), ("15", "5", 3), ("60", "15", 4), ("60", "30", 2), ("240", "60", 4), ("720", "360", 2), ("D", "60", 24), ("D", "720", 2), ("W", "D", 7)])
    func coarseCandlesAggregateFineOnes(coarse: String, fine: String, ratio: Int) throws {
        for endpoint in ["/v5/market/kline?category=spot&symbol=ZECUSDT", "/v5/market/kline?category=inverse&symbol=BTCUSD", "/v5/market/mark-price-kline?symbol=BTCUSDT"] {
            let coarseCandles = try candles("\(endpoint)&interval=\(coarse)&limit=6&end=1763900000000")
            let fineCandles = try candles("\(endpoint)&interval=\(fine)&limit=1000&end=1763900000000")
            for candle in coarseCandles.dropFirst() {
                let parts = fineCandles.filter { $0.start >= candle.start }.suffix(ratio).reversed()
                    .filter { $0.start < candle.start + Int64(ratio) * (fineCandles[0].start - fineCandles[1].start) }
                #expect(parts.count == ratio)
                #expect(Candle(aggregating: Array(parts), start: candle.start) == candle, "\(endpoint) \(coarse) at \(candle.start)")
            }
        }
    }

    @Test func monthlyCandleAggregatesItsDays() throws {
        // October 2025: 1759276800000 … 1761955199999.
        let month = try candles("/v5/market/kline?symbol=ETHUSDT&interval=M&start=1759276800000&end=1759276800000")
        let days = try candles("/v5/market/kline?symbol=ETHUSDT&interval=D&start=1759276800000&end=1761868800000")
        #expect(days.count == 31)
        #expect(month == [Candle(aggregating: days.reversed(), start: 1_759_276_800_000)])
    }

    @Test func openCandleGrowsAndClosesWithTheCurrentPrice() throws {
        let clock = harness.clock
        clock.set(to: .milliseconds(1_764_000_000_000 + 20 * 60_000))  // 20 minutes into an hour
        let target = "/v5/market/kline?symbol=BTCUSDT&interval=60&limit=2"
        let early = try candles(target)
        let minuteNow = try candles("/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1")
        #expect(early[0].start == 1_764_000_000_000 - 1_764_000_000_000 % 3_600_000)
        #expect(early[0].close == minuteNow[0].close, "the open candle's close is the last price")

        clock.advance(by: .seconds(25 * 60))
        let later = try candles(target)
        #expect(later[1] == early[1], "closed candles never change")
        #expect(later[0].start == early[0].start)
        #expect(later[0].open == early[0].open)
        #expect(try #require(later[0].volume) >= early[0].volume!)
        #expect(later[0].high >= early[0].high && later[0].low <= early[0].low)

        clock.advance(by: .seconds(20 * 60))  // the hour is over
        let closed = try candles("/v5/market/kline?symbol=BTCUSDT&interval=60&limit=2")
        #expect(closed[1].start == early[0].start)
        #expect(closed[1].volume! >= later[0].volume!)
        #expect(closed[0].open == closed[1].close)
    }

    @Test func quietIntervalsAreFlatZeroVolumeCandlesAtThePreviousClose() throws {
        let candles = try candles("/v5/market/kline?category=spot&symbol=ZECUSDT&interval=1&limit=1000")
        let quiet = zip(candles, candles.dropFirst()).filter { $0.0.volume == Dec("0") }
        #expect(quiet.count > 100, "ZECUSDT spot has quietRate 0.4")
        for (candle, previous) in quiet {
            #expect([candle.open, candle.high, candle.low] == [previous.close, previous.close, previous.close])
            #expect(candle.close == previous.close)
            #expect(candle.turnover == Dec("0"))
        }
        let liquid = try self.candles("/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1000")
        #expect(!liquid.contains { $0.volume == Dec("0") }, "BTCUSDT has quietRate 0")
    }

    @Test func quietRateIsConfigurable() throws {
        var instrument = try #require(InstrumentUniverse.standard.instrument(category: .linear, symbol: "BTCUSDT"))
        instrument.quietRate = 0.9
        let universe = try InstrumentUniverse([instrument])
        let sleepy = try Harness(now: .milliseconds(1_764_000_123_456), configuration: SimulatorConfiguration(universe: universe))
        let rows = try sleepy.rows("/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1000")
        let quietShare = Double(rows.filter { $0[5] == "0" }.count) / Double(rows.count)
        #expect(quietShare > 0.8 && quietShare < 0.97, "quiet share \(quietShare)")
        let hours = try sleepy.rows("/v5/market/kline?symbol=BTCUSDT&interval=60&limit=1000")
        let quietHours = Double(hours.filter { $0[5] == "0" }.count) / Double(hours.count)
        #expect(quietHours > 0.7 && quietHours < 0.9, "hours are quiet with quietRate² = 0.81, got \(quietHours)")
    }

    @Test func priceKlinesKeepTheFullScaleAndPremiumIndexIsASmallRate() throws {
        let mark = try harness.rows("/v5/market/mark-price-kline?symbol=BTCUSDT&interval=60&limit=50")
        #expect(mark.allSatisfy { $0.count == 5 && $0[1...4].allSatisfy { Dec.decimals($0) == 2 } })
        let premium = try harness.rows("/v5/market/premium-index-price-kline?symbol=BTCUSDT&interval=60&limit=50")
        #expect(premium.allSatisfy { $0[1...4].allSatisfy { Dec.decimals($0) == 6 && Dec($0)!.scaled.magnitude < 10_000_000_000_000_000 } })
        let last = try candles("/v5/market/kline?symbol=BTCUSDT&interval=60&limit=50")
        let markCandles = try mark.map(Candle.init)
        for (trade, markCandle) in zip(last, markCandles) {
            let ratio = Double(markCandle.close.scaled) / Double(trade.close.scaled)
            #expect(abs(ratio - 1) < 0.002, "mark stays near last: \(ratio)")
        }
    }
}
