import Foundation
import LookoutBybit
import Testing

@Suite("BybitClient market data against the fake exchange")
struct BybitClientMarketTests {
    let fake: FakeBybit
    init() throws { fake = try FakeBybit() }

    let hour: Int64 = 3_600_000
    let minute: Int64 = 60_000

    @Test func onePageIsAscendingWithExactParameters() async throws {
        let client = try fake.client()
        let page = try await client.klines(symbol: "PAGEUSDT", interval: .oneHour, start: FakeBybit.launch, end: FakeBybit.launch + 9 * hour)
        #expect(page.symbol == "PAGEUSDT")
        #expect(page.category == .linear)
        #expect(page.rows.map(\.startTime) == (0..<10).map { FakeBybit.launch + $0 * hour })
        #expect(page.rows.allSatisfy { $0.isClosed })
        #expect(page.rows.allSatisfy { $0.low <= $0.open && $0.open <= $0.high })
        #expect(try await fake.requestLog("PAGEUSDT") == [
            "/v5/market/kline?category=linear&symbol=PAGEUSDT&interval=60&start=1704067200000&end=1704099600000",
        ])
        #expect(client.stats.candles == 10)
        #expect(client.stats.requests == 1)
    }

    @Test func latestPageMarksTheOpenCandle() async throws {
        let client = try fake.client()
        let page = try await client.klines(category: .spot, symbol: "OPENUSDT", interval: .oneMinute, limit: 5)
        #expect(page.rows.count == 5)
        #expect(page.rows.map(\.isClosed) == [true, true, true, true, false])
        #expect(page.closedRows.count == 4)
        #expect(page.rows.last!.startTime + minute > page.serverTime)
        #expect(page.category == .spot)
    }

    @Test("price kline endpoints", arguments: [
        (PriceKlineKind.markPrice, BybitCategory.inverse, "/v5/market/mark-price-kline"),
        (.indexPrice, .linear, "/v5/market/index-price-kline"),
        (.premiumIndexPrice, .linear, "/v5/market/premium-index-price-kline"),
    ])
    func priceKlines(kind: PriceKlineKind, category: BybitCategory, path: String) async throws {
        let client = try fake.client()
        let symbol = "PRICE\(kind.rawValue.uppercased())"
        let page = try await client.priceKlines(kind, category: category, symbol: symbol, interval: .day, start: FakeBybit.launch, end: FakeBybit.launch + 2 * 86_400_000)
        #expect(page.rows.map(\.startTime) == [0, 1, 2].map { FakeBybit.launch + $0 * 86_400_000 })
        #expect(try await fake.requestLog(symbol).first?.hasPrefix(path + "?category=\(category)") == true)
    }

    @Test func rangeSplitsIntoBoundedPagesWithBothEnds() async throws {
        let client = try fake.client()
        // A mid-candle `from` skips that candle; 3,500 one-minute candles need 4 pages.
        let series = try await client.candles(symbol: "RANGEUSDT", interval: .oneMinute, from: FakeBybit.launch + 30_000, to: FakeBybit.launch + 3500 * minute)
        #expect(series.pages == 4)
        #expect(series.rows.count == 3500)
        #expect(series.rows.first?.startTime == FakeBybit.launch + minute)
        #expect(series.rows.last?.startTime == FakeBybit.launch + 3500 * minute)
        #expect(zip(series.rows, series.rows.dropFirst()).allSatisfy { $1.startTime - $0.startTime == minute })
        let log = try await fake.requestLog("RANGEUSDT").sorted()
        #expect(log.count == 4)
        for target in log {
            let start = Int64(target.split(separator: "&").first { $0.hasPrefix("start=") }!.dropFirst(6))!
            let end = Int64(target.split(separator: "&").first { $0.hasPrefix("end=") }!.dropFirst(4))!
            #expect(end - start <= 999 * minute, "\(target)")
            #expect(target.contains("limit=1000"))
        }
        let stats = client.stats
        #expect(stats.rangePages == 4)
        #expect(stats.rangeFetches == 1)
        #expect(stats.candles == 3500)
    }

    @Test("ranges for every interval are complete, ascending and unique", arguments: KlineInterval.allCases)
    func rangeForEveryInterval(interval: KlineInterval) async throws {
        let client = try fake.client()
        let symbol = "IV\(interval.rawValue)USDT"
        // Long enough for several pages on short intervals, all the data on long ones.
        let span: Int64 = switch interval {
        case .oneMinute, .threeMinutes, .fiveMinutes: 2500 * (interval.milliseconds ?? 0)
        default: 1200 * 86_400_000
        }
        let series = try await client.candles(symbol: symbol, interval: interval, from: FakeBybit.launch, to: FakeBybit.launch + span)
        let starts = series.rows.map(\.startTime)
        #expect(!starts.isEmpty)
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 })
        #expect(starts.allSatisfy { $0 >= FakeBybit.launch && $0 <= FakeBybit.launch + span })
        // Contiguous: every candle follows the previous one's end.
        #expect(zip(series.rows, series.rows.dropFirst()).allSatisfy { interval.end(ofCandleStartingAt: $0.startTime) == $1.startTime })
        if let length = interval.milliseconds, interval != .week {
            #expect(starts.first == FakeBybit.launch)
            let expectedLast = min(FakeBybit.launch + span / length * length, series.rows.last!.startTime)
            #expect(starts.last == expectedLast)
            #expect(starts.count == Int((expectedLast - FakeBybit.launch) / length) + 1)
        }
        // Only a candle still forming at the end of the data may be open.
        #expect(series.rows.dropLast().allSatisfy { $0.isClosed })
    }

    @Test func zeroVolumeCandlesAreKept() async throws {
        let client = try fake.client()
        let series = try await client.candles(symbol: "QUIETUSDT", interval: .oneMinute, from: FakeBybit.launch, to: FakeBybit.launch + 99 * minute)
        #expect(series.rows.count == 100)
        let quiet = series.rows.filter { $0.volume.isZero }
        #expect(quiet.count == 20)
        #expect(quiet.allSatisfy { $0.open == $0.close && $0.high == $0.low && $0.turnover.isZero })
    }

    @Test func emptyRangesNeedNoRequests() async throws {
        let client = try fake.client()
        let series = try await client.candles(symbol: "EMPTYUSDT", interval: .oneHour, from: FakeBybit.launch + 1, to: FakeBybit.launch + hour - 1)
        #expect(series.rows.isEmpty)
        #expect(series.pages == 0)
        #expect(client.stats.requests == 0)
    }

    @Test func instrumentsFollowTheCursorVerbatim() async throws {
        let client = try fake.client()
        let linear = try await client.instruments(category: .linear)
        #expect(linear.count == 2500)
        #expect(linear.map(\.symbol) == (0..<2500).map { "SYM\(String(repeating: "0", count: 4 - String($0).count))\($0)USDT" })
        #expect(linear.first?.launchTime == FakeBybit.launch)
        #expect(linear.first?.deliveryTime == nil)
        #expect(client.stats.requests == 3)
        let spot = try await client.instruments(category: .spot)
        #expect(spot.map(\.symbol) == ["BTCUSDT", "ETHUSDT", "XRPUSDT"])
        #expect(spot.first?.quantityStep?.description == "0.000001")
        #expect(client.stats.requests == 4)
    }

    @Test func serverTimeMatchesTheWallClock() async throws {
        let client = try fake.client()
        let time = try await client.serverTime()
        #expect(abs(time.milliseconds - Int64(Date().timeIntervalSince1970 * 1000)) < 5000)
        #expect(time.seconds == time.milliseconds / 1000)
        #expect(time.nanoseconds / 1_000_000 == time.milliseconds)
        #expect(time.milliseconds > FakeBybit.launch)
    }
}
