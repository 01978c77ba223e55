import BybitSimulator
import Testing

/// Tickers, books, trades, funding and statistics agree with the candles and with each
/// other, and behave like Bybit's (selection, paging, limits).
@Suite struct MarketConsistencyTests {
    let harness: Harness
    init() throws { harness = try Harness() }

    func list(_ target: String) throws -> [JSON] {
        let body = try harness.json(target)
        #expect(body["retCode"]?.integer == 0, "\(target) → \(body)")
        return try #require(body["result"]?["list"]?.array, "\(target) → \(body)")
    }

    @Test(arguments: [("linear", "BTCUSDT"), ("spot", "ETHUSDT"), ("inverse", "BTCUSD"), ("linear", "DOGEUSDT")])
    func tickerAgreesWithTheOpenCandleAndTheBook(category: String, symbol: String) throws {
        let ticker = try #require(try list("/v5/market/tickers?category=\(category)&symbol=\(symbol)").first)
        let openCandle = try harness.rows("/v5/market/kline?category=\(category)&symbol=\(symbol)&interval=1&limit=1")[0]
        #expect(d(ticker["lastPrice"]?.string) == d(openCandle[4]))
        let book = try harness.json("/v5/market/orderbook?category=\(category)&symbol=\(symbol)&limit=5")["result"]
        let bid = try #require(book?["b"]?[0]?[0]?.string), ask = try #require(book?["a"]?[0]?[0]?.string)
        #expect(ticker["bid1Price"]?.string == bid)
        #expect(ticker["ask1Price"]?.string == ask)
        #expect(d(bid) + d(ask) == d(ticker["lastPrice"]?.string) + d(ticker["lastPrice"]?.string))
        let trades = try list("/v5/market/recent-trade?category=\(category)&symbol=\(symbol)&limit=1")
        #expect(trades.first?["price"]?.string.map(d) == d(ticker["lastPrice"]?.string))
        let day = try harness.rows("/v5/market/kline?category=\(category)&symbol=\(symbol)&interval=1&limit=1")
        #expect(!day.isEmpty)
    }

    @Test func tickersWithoutSymbolListEveryTradingInstrumentInOrder() throws {
        let symbols = try list("/v5/market/tickers?category=inverse").compactMap { $0["symbol"]?.string }
        #expect(symbols == ["BTCUSD", "BTCUSDZ22", "ETHUSD", "XRPUSD"])  // BTCUSDZ22 delivers on 2022-12-30
    }

    @Test func orderBookDepthDefaultsAndLimits() throws {
        let linear = try harness.json("/v5/market/orderbook?category=linear&symbol=BTCUSDT")["result"]
        #expect(linear?["b"]?.array?.count == 25)
        #expect(linear?["a"]?.array?.count == 25)
        let spot = try harness.json("/v5/market/orderbook?category=spot&symbol=BTCUSDT")["result"]
        #expect(spot?["b"]?.array?.count == 1)
        let deep = try harness.json("/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=1000")["result"]
        #expect(deep?["a"]?.array?.count == 1000)
        let prices = try #require(deep?["b"]?.array?.compactMap { $0[0]?.string }.map(d))
        #expect(zip(prices, prices.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test func recentTradesAreNewestFirstWithDecreasingSpotIDs() throws {
        let trades = try list("/v5/market/recent-trade?category=spot&symbol=BTCUSDT")
        #expect(trades.count == 60)
        let times = trades.compactMap { $0["time"]?.string.flatMap { Int64($0) } }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(times.first! <= Harness.docsNow.millisecondsSinceEpoch)
        let ids = trades.compactMap { $0["execId"]?.string.flatMap { Int64($0) } }
        #expect(ids.count == 60 && zip(ids, ids.dropFirst()).allSatisfy { $0 > $1 })
        #expect(try list("/v5/market/recent-trade?category=linear&symbol=BTCUSDT").count == 500)
    }

    @Test func fundingSettlesEveryEightHoursAndPagesByEndTime() throws {
        let latest = try list("/v5/market/funding/history?category=linear&symbol=BTCUSDT")
        #expect(latest.count == 200)
        let times = latest.compactMap { $0["fundingRateTimestamp"]?.string.flatMap { Int64($0) } }
        #expect(times.first == 1_670_601_600_000)  // 16:00 UTC; now is 18:20
        #expect(times.allSatisfy { $0 % 28_800_000 == 0 })
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 - $1 == 28_800_000 })
        let older = try list("/v5/market/funding/history?category=linear&symbol=BTCUSDT&endTime=\(times.last! - 1)&limit=2")
        #expect(older.compactMap { $0["fundingRateTimestamp"]?.string.flatMap { Int64($0) } } == [times.last! - 28_800_000, times.last! - 57_600_000])
        #expect(try list("/v5/market/funding/history?category=linear&symbol=BTCUSDT&limit=300").count == 200)
        let window = try list("/v5/market/funding/history?category=linear&symbol=BTCUSDT&startTime=1670371200000&endTime=1670601600000&limit=3")
        #expect(window.compactMap { $0["fundingRateTimestamp"]?.string } == ["1670601600000", "1670572800000", "1670544000000"])
    }

    @Test func fundingIsThePremiumIndexAtEachSettlement() throws {
        let rates = try list("/v5/market/funding/history?category=linear&symbol=ETHUSDT&limit=6")
        for rate in rates {
            let settlement = try #require(rate["fundingRateTimestamp"]?.string.flatMap { Int64($0) })
            // The 4-hour premium-index candle ending at the settlement closes at the rate.
            let candle = try harness.rows("/v5/market/premium-index-price-kline?category=linear&symbol=ETHUSDT&interval=240&start=\(settlement - 14_400_000)&end=\(settlement - 14_400_000)")
            #expect(candle.count == 1)
            #expect(d(candle.first?[4]) == d(rate["fundingRate"]?.string))
        }
    }

    @Test(arguments: ["open-interest?category=linear&symbol=BTCUSDT&intervalTime=1h", "account-ratio?category=inverse&symbol=BTCUSD&period=4h"])
    func cursorWalksTheWindowWithoutGapsOrRepeats(path: String) throws {
        let start: Int64 = 1_670_000_000_000, end: Int64 = 1_670_600_000_000
        var cursor: String?
        var times: [Int64] = []
        for _ in 0..<20 {
            let body = try harness.json("/v5/market/\(path)&startTime=\(start)&endTime=\(end)&limit=37" + (cursor.map { "&cursor=\($0)" } ?? ""))
            times += body["result"]?["list"]?.array?.compactMap { $0["timestamp"]?.string.flatMap { Int64($0) } } ?? []
            cursor = body["result"]?["nextPageCursor"]?.string
            if cursor == "" { break }
        }
        #expect(cursor == "")
        let step: Int64 = path.hasPrefix("open") ? 3_600_000 : 14_400_000
        #expect(times.first == end / step * step)
        #expect(times.last == (start + step - 1) / step * step)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 - $1 == step })
    }

    @Test func openInterestIgnoresALoneStartTimeAndRatiosSumToOne() throws {
        let plain = try list("/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=5min&limit=3")
        let ignored = try list("/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=5min&limit=3&startTime=1600000000000")
        #expect(plain == ignored)
        let hourly = try list("/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=1h&limit=1")
        #expect(hourly.first?["openInterest"] == plain.first { $0["timestamp"] == hourly.first?["timestamp"] }?["openInterest"] ?? hourly.first?["openInterest"])
        for row in try list("/v5/market/account-ratio?category=linear&symbol=ETHUSDT&period=1d&limit=30") {
            #expect(d(row["buyRatio"]?.string) + d(row["sellRatio"]?.string) == d("1"))
        }
        let ratio = try harness.json("/v5/market/account-ratio?category=linear&symbol=ETHUSDT&period=1d&limit=1")
        #expect(ratio["result"]?.keys == ["list", "nextPageCursor"])
    }

    @Test(arguments: [
        ("/v5/market/tickers?symbol=BTCUSDT", "Request parameter error"),
        ("/v5/market/tickers?category=linear&symbol=NOPEUSDT", "Not supported symbols"),
        ("/v5/market/tickers?category=option", "Request parameter error"),
        ("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=1001", "Request parameter error"),
        ("/v5/market/orderbook?category=option&symbol=BTC-30DEC22-18000-C&limit=26", "Request parameter error"),
        ("/v5/market/orderbook?category=linear", "Request parameter error"),
        ("/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=61", "Request parameter error"),
        ("/v5/market/recent-trade?category=linear", "Request parameter error"),
        ("/v5/market/funding/history?category=spot&symbol=BTCUSDT", "Request parameter error"),
        ("/v5/market/funding/history?category=linear&symbol=BTCUSDT&startTime=1670000000000", "Time is invalid"),
        ("/v5/market/funding/history?category=linear&symbol=BTCUSDT&limit=0", "Request parameter error"),
        ("/v5/market/open-interest?category=linear&symbol=BTCUSDT", "params error: intervalTime is invalid"),
        ("/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=2h", "params error: intervalTime is invalid"),
        ("/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=1h&limit=201", "Request parameter error"),
        ("/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=1h&cursor=garbage", "Request parameter error"),
        ("/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=1h&cursor=lastid%253Dx%2526lasttime%253D1", "Request parameter error"),
        ("/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=4d", "Request parameter error"),
        ("/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=1h&limit=501", "Request parameter error"),
    ])
    func invalidParametersAnswer10001(target: String, message: String) throws {
        let response = harness.get(target)
        #expect(response.status == 200)
        let body = try JSON.parse(response.body)
        #expect(body.withoutTime.description == #"{"retCode":10001,"retMsg":""# + message + #"","result":{},"retExtInfo":{},"time":0}"#)
    }
}

/// `text` as a ``Dec``; a value no response has, when missing or not a decimal, so a
/// comparison with it fails.
private func d(_ text: String?) -> Dec {
    text.flatMap { Dec($0) } ?? Dec(scaled: .min / 2)
}
