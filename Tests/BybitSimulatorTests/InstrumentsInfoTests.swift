import BybitSimulator
import Testing

@Suite struct InstrumentsInfoTests {
    let harness: Harness
    init() throws { harness = try Harness(now: .milliseconds(1_764_000_000_000)) }

    struct Page {
        var symbols: [String]
        var cursor: String?
    }

    func page(_ harness: Harness, _ query: String) throws -> Page {
        let body = try harness.json("/v5/market/instruments-info?\(query)")
        #expect(body["retCode"]?.integer == 0, "\(query) → \(body)")
        let list = try #require(body["result"]?["list"]?.array)
        return Page(symbols: list.compactMap { $0["symbol"]?.string }, cursor: body["result"]?["nextPageCursor"]?.string)
    }

    /// Follows `nextPageCursor` until it is empty, sending the cursor back as received.
    func allPages(_ harness: Harness, _ query: String) throws -> (symbols: [String], pages: Int) {
        var symbols: [String] = []
        var cursor = ""
        var pages = 0
        repeat {
            let current = try page(harness, query + (cursor.isEmpty ? "" : "&cursor=\(cursor)"))
            symbols += current.symbols
            cursor = try #require(current.cursor)
            pages += 1
        } while !cursor.isEmpty && pages < 100
        return (symbols, pages)
    }

    @Test func linearPaginatesWithNextPageCursor() throws {
        let first = try page(harness, "category=linear&limit=7")
        #expect(first.symbols.count == 7)
        #expect(first.cursor == "first%3D\(first.symbols[0])%26last%3D\(first.symbols[6])")
        let all = try allPages(harness, "category=linear&limit=7")
        #expect(all.pages == 5)  // 30 symbols: 7+7+7+7+2
        #expect(all.symbols.count == 30 && Set(all.symbols).count == 30)
        #expect(all.symbols == all.symbols.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func aCursorEncodedOnceMoreIsAcceptedToo() throws {
        let first = try page(harness, "category=linear&limit=10")
        let reencoded = try #require(first.cursor).replacingPercent()
        let second = try page(harness, "category=linear&limit=10&cursor=\(reencoded)")
        let plain = try page(harness, "category=linear&limit=10&cursor=\(first.cursor!)")
        #expect(second.symbols == plain.symbols)
        #expect(second.symbols.count == 10 && second.symbols[0] != first.symbols[0])
    }

    @Test func defaultLimitIs500LikeTheRealExchange() throws {
        let big = try Harness(
            now: .milliseconds(1_764_000_000_000),
            configuration: SimulatorConfiguration(universe: InstrumentUniverse.standard.addingSyntheticLinearInstruments(count: 600)))
        let first = try page(big, "category=linear")
        #expect(first.symbols.count == 500)
        #expect(first.cursor?.isEmpty == false)
        let all = try allPages(big, "category=linear&limit=1000")
        #expect(all.pages == 1 && all.symbols.count == 630)
        #expect(try allPages(big, "category=linear").symbols.count == 630)
    }

    @Test func spotIgnoresLimitAndCursor() throws {
        let spot = try page(harness, "category=spot&limit=2&cursor=garbage")
        #expect(spot.symbols == ["BTCUSDT", "DOGEUSDT", "ETHBTC", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ZECUSDT"])
        #expect(spot.cursor == nil)
    }

    @Test func filtersBySymbolBaseCoinAndStatus() throws {
        #expect(try page(harness, "category=linear&symbol=ETHUSDT").symbols == ["ETHUSDT"])
        #expect(try page(harness, "category=linear&symbol=NOPE").symbols == [])
        #expect(try page(harness, "category=linear&baseCoin=BTC").symbols == ["BTCPERP", "BTCUSDT"])
        #expect(try page(harness, "category=inverse").symbols == ["BTCUSD", "ETHUSD", "XRPUSD"])
        #expect(try page(harness, "category=inverse&status=Closed").symbols == ["BTCUSDZ22"])
        #expect(try page(harness, "category=option").symbols == [])
    }

    @Test func statusFollowsLaunchAndDeliveryTimes() throws {
        let early = try Harness(now: .milliseconds(1_600_000_000_000))  // 2020-09-13
        #expect(try page(early, "category=linear").symbols == ["BTCUSDT"])
        #expect(try page(early, "category=linear&status=PreLaunch").symbols.count == 29)
        let body = try early.json("/v5/market/instruments-info?category=linear&symbol=ETHUSDT&status=PreLaunch")
        #expect(body["result"]?["list"]?[0]?["status"]?.string == "PreLaunch")
    }

    @Test func rowsDescribeTheInstrument() throws {
        let body = try harness.json("/v5/market/instruments-info?category=inverse&symbol=BTCUSDZ22&status=Closed")
        let row = try #require(body["result"]?["list"]?[0])
        #expect(row["contractType"]?.string == "InverseFutures")
        #expect(row["deliveryTime"]?.string == "1672387200000")
        #expect(row["settleCoin"]?.string == "BTC")
        #expect(row["priceFilter"]?["tickSize"]?.string == "0.50")
        #expect(row["priceScale"]?.string == "2")
        let btc = try #require(try harness.json("/v5/market/instruments-info?category=linear&symbol=BTCUSDT")["result"]?["list"]?[0])
        #expect(btc["launchTime"]?.string == "1585526400000")
        #expect(btc["lotSizeFilter"]?["qtyStep"]?.string == "0.001")
    }
}

extension String {
    /// Percent-encodes the `%` signs once more (`%3D` → `%253D`).
    func replacingPercent() -> String {
        String(flatMap { $0 == "%" ? Array("%25") : [$0] })
    }
}
