import BybitSimulator
import Foundation
import LookoutBybit
import Testing

@Suite("BybitClient market data against the simulated exchange")
struct BybitClientMarketTests {
    typealias E = Exchange

    @Test func onePageIsAscendingAndEqualsTheExchangesOwnBody() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let page = try await client.klines(symbol: "BTCUSDT", interval: .oneHour, start: E.january2024, end: E.january2024 + 9 * E.hour)
            #expect(page.symbol == "BTCUSDT")
            #expect(page.category == .linear)
            #expect(page.rows.map(\.startTime) == (0..<10).map { E.january2024 + $0 * E.hour })
            #expect(page.rows.allSatisfy { $0.isClosed && $0.low <= $0.open && $0.open <= $0.high && $0.low <= $0.close && $0.close <= $0.high })
            // The same candles the simulator writes, read back through the public decoder.
            let direct = exchange.simulator.respond(to: SimulatorRequest(
                target: "/v5/market/kline?category=linear&symbol=BTCUSDT&interval=60&start=\(E.january2024)&end=\(E.january2024 + 9 * E.hour)"))
            #expect(try KlinePage<Kline>.decode(direct.body, interval: .oneHour).rows == page.rows)
            #expect(exchange.simulator.statistics().requestsByPath == ["/v5/market/kline": 2])
            #expect(client.stats.candles == 10)
            #expect(client.stats.pages == 1)
            #expect(client.stats.requests == 1)
        }
    }

    @Test func latestPageMarksTheOpenCandle() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let page = try await client.klines(category: .spot, symbol: "ETHUSDT", interval: .oneMinute, limit: 5)
            #expect(page.rows.count == 5)
            #expect(page.rows.map(\.isClosed) == [true, true, true, true, false])
            #expect(page.closedRows.count == 4)
            #expect(page.rows.last!.startTime + E.minute > page.serverTime)
            #expect(page.category == .spot)
        }
    }

    @Test("price kline endpoints", arguments: [
        (PriceKlineKind.markPrice, BybitCategory.inverse, "BTCUSD", "/v5/market/mark-price-kline"),
        (.indexPrice, .linear, "BTCUSDT", "/v5/market/index-price-kline"),
        (.premiumIndexPrice, .linear, "ETHUSDT", "/v5/market/premium-index-price-kline"),
    ])
    func priceKlines(kind: PriceKlineKind, category: BybitCategory, symbol: String, path: String) async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let page = try await client.priceKlines(kind, category: category, symbol: symbol, interval: .day, start: E.january2024, end: E.january2024 + 2 * E.day)
            #expect(page.rows.map(\.startTime) == [0, 1, 2].map { E.january2024 + $0 * E.day })
            #expect(page.category == category)
            #expect(exchange.simulator.statistics().requestsByPath == [path: 1])
        }
    }

    @Test func rangeSplitsIntoBoundedPagesThatLoseNothing() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            // A mid-candle `from` skips that candle; 3,500 one-minute candles need 4 pages.
            // Were a page wider than 1,000 candles, the exchange would drop its oldest ones.
            let series = try await client.candles(symbol: "SOLUSDT", interval: .oneMinute, from: E.january2024 + 30_000, to: E.january2024 + 3500 * E.minute)
            #expect(series.pages == 4)
            #expect(series.rows.count == 3500)
            #expect(series.rows.first?.startTime == E.january2024 + E.minute)
            #expect(series.rows.last?.startTime == E.january2024 + 3500 * E.minute)
            #expect(zip(series.rows, series.rows.dropFirst()).allSatisfy { $1.startTime - $0.startTime == E.minute })
            #expect(exchange.requests == 4)
            let stats = client.stats
            #expect(stats.rangePages == 4)
            #expect(stats.rangeFetches == 1)
            #expect(stats.candles == 3500)
        }
    }

    @Test("ranges for every interval are complete, ascending and unique", arguments: KlineInterval.allCases)
    func rangeForEveryInterval(interval: KlineInterval) async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            // Three pages where 2,500 candles fit in 1,200 days; into the future (the open
            // candle) on daily, weekly and monthly candles.
            let span: Int64 = min(1200 * E.day, 2500 * (interval.milliseconds ?? E.day * 31))
            let series = try await client.candles(symbol: "BTCUSDT", interval: interval, from: E.january2024, to: E.january2024 + span)
            let starts = series.rows.map(\.startTime)
            #expect(!starts.isEmpty)
            #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 })
            #expect(starts.allSatisfy { $0 >= E.january2024 && $0 <= E.january2024 + span })
            // Contiguous: every candle starts where the previous one ends.
            #expect(zip(series.rows, series.rows.dropFirst()).allSatisfy { interval.end(ofCandleStartingAt: $0.startTime) == $1.startTime })
            if let length = interval.milliseconds, interval != .week {
                #expect(starts.first == E.january2024)
                let expectedLast = min(E.january2024 + span / length * length, series.rows.last!.startTime)
                #expect(starts.last == expectedLast)
                #expect(starts.count == Int((expectedLast - E.january2024) / length) + 1)
            }
            // Only a candle still forming at the end of the data may be open.
            #expect(series.rows.dropLast().allSatisfy { $0.isClosed })
            #expect(exchange.requests == series.pages)
        }
    }

    @Test func zeroVolumeCandlesAreKept() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            // ZECUSDT trades in only about 90% of its minutes.
            let series = try await client.candles(symbol: "ZECUSDT", interval: .oneMinute, from: E.january2024, to: E.january2024 + 999 * E.minute)
            #expect(series.rows.count == 1000)
            let quiet = series.rows.filter { $0.volume.isZero }
            #expect(quiet.count > 20)
            #expect(quiet.allSatisfy { $0.open == $0.close && $0.high == $0.low && $0.open == $0.high && $0.turnover.isZero })
        }
    }

    @Test func rangesWithoutACandleStartNeedNoRequests() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let series = try await client.candles(symbol: "BTCUSDT", interval: .oneHour, from: E.january2024 + 1, to: E.january2024 + E.hour - 1)
            #expect(series.rows.isEmpty)
            #expect(series.pages == 0)
            #expect(client.stats.requests == 0)
            #expect(exchange.requests == 0)
        }
    }

    @Test func aRangeBeforeTheListingIsATypedError() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            // Linear BTCUSDT was listed on 2020-03-30.
            let from = BybitTimestamp.parse("2019-06-01")!
            let error = await #expect(throws: BybitError.self) {
                try await client.candles(symbol: "BTCUSDT", interval: .day, from: from, to: from + 30 * E.day)
            }
            #expect(error?.code == .noData)
            #expect(error?.symbol == "BTCUSDT")
            #expect(error?.message == "Bybit returned no BTCUSDT candles (interval D) from 2019-06-01T00:00:00Z to 2019-07-01T00:00:00Z in 1 request; the range is before the symbol's listing or after its delivery (see instruments(category:symbol:) launchTime), or in the future")
            #expect(error?.request == "GET \(exchange.url)/v5/market/kline?category=linear&symbol=BTCUSDT&interval=D&start=\(from)&end=\(from + 30 * E.day)&limit=1000")
            #expect(exchange.requests == 1)
            // Part of a range before the listing is simply shorter.
            let listing = BybitTimestamp.parse("2020-03-30")!
            let partial = try await client.candles(symbol: "BTCUSDT", interval: .day, from: listing - 10 * E.day, to: listing + 4 * E.day)
            #expect(partial.rows.map(\.startTime) == (0..<5).map { listing + $0 * E.day })
        }
    }

    @Test func instrumentsFollowTheCursor() async throws {
        // 30 standard linear instruments plus 2,470 synthetic ones: three pages of 1,000.
        let universe = try InstrumentUniverse.standard.addingSyntheticLinearInstruments(count: 2470)
        try await withExchange(universe: universe) { exchange in
            let client = try exchange.client()
            let linear = try await client.instruments(category: .linear)
            #expect(linear.count == 2500)
            let expected = universe.instruments.filter { $0.category == .linear }.map(\.symbol)
            #expect(linear.map(\.symbol) == expected)
            #expect(linear.first { $0.symbol == "BTCUSDT" }?.launchTime == BybitTimestamp.parse("2020-03-30"))
            #expect(linear.first?.deliveryTime == nil)
            #expect(client.stats.requests == 3)
            let spot = try await client.instruments(category: .spot)
            #expect(spot.map(\.symbol) == ["BTCUSDT", "DOGEUSDT", "ETHBTC", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ZECUSDT"])
            #expect(spot.first?.quantityStep?.description == "0.000001")
            #expect(client.stats.requests == 4)
        }
    }

    @Test func serverTimeMatchesTheWallClock() async throws {
        try await withExchange { exchange in
            let client = try exchange.client()
            let time = try await client.serverTime()
            #expect(abs(time.milliseconds - Int64(Date().timeIntervalSince1970 * 1000)) < 5000)
            #expect(time.seconds == time.milliseconds / 1000)
            #expect(time.nanoseconds / 1_000_000 == time.milliseconds)
        }
    }
}
