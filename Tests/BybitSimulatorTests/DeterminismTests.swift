import BybitSimulator
import Testing

@Suite struct DeterminismTests {
    static let targets = [
        "/v5/market/kline?category=inverse&symbol=BTCUSD&interval=60&start=1670601600000&end=1670608800000",
        "/v5/market/kline?category=spot&symbol=ZECUSDT&interval=1&limit=1000",
        "/v5/market/mark-price-kline?symbol=ETHUSDT&interval=W&limit=50",
        "/v5/market/premium-index-price-kline?symbol=SOLUSDT&interval=5",
        "/v5/market/instruments-info?category=linear&limit=9",
    ]

    @Test(arguments: targets)
    func sameRequestSameBytes(target: String) throws {
        let first = try Harness()
        let second = try Harness()
        #expect(first.get(target) == second.get(target))
        #expect(first.get(target).body == first.get(target).body)
    }

    @Test func closedCandlesDoNotDependOnWhenTheyAreAsked() throws {
        let target = "/v5/market/kline?symbol=BTCUSDT&interval=15&start=1670000000000&end=1670100000000&limit=1000"
        let early = try Harness(now: .milliseconds(1_670_200_000_000))
        let late = try Harness(now: .milliseconds(1_760_000_000_000))
        #expect(try early.rows(target) == late.rows(target))
    }

    /// Pins the model's output: if this changes, every recorded expectation downstream changes too.
    @Test func goldenKlineBody() throws {
        let harness = try Harness()
        let body = harness.get("/v5/market/kline?category=inverse&symbol=BTCUSD&interval=60&start=1670601600000&end=1670608800000").bodyText
        #expect(body == #"{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSD","category":"inverse","list":[["1670608800000","20997","21006.5","20992.5","21006.5","15845106","762.74661312"],["1670605200000","20970","20997.5","20963","20997","121054480","5820.13217647"],["1670601600000","20618.5","21013","20613","20970","155876493","7558.44980906"]]},"retExtInfo":{},"time":1670610000000}"#)
    }

    @Test func goldenSpotInstrumentBody() throws {
        let harness = try Harness()
        let body = harness.get("/v5/market/instruments-info?category=spot&symbol=ZECUSDT").bodyText
        #expect(body == #"{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"symbolId":7,"symbol":"ZECUSDT","baseCoin":"ZEC","quoteCoin":"USDT","innovation":"0","status":"Trading","marginTrading":"utaOnly","stTag":"0","lotSizeFilter":{"basePrecision":"0.0001","quotePrecision":"0.00000001","minOrderQty":"0.091","maxOrderQty":"145454.5454","minOrderAmt":"5","maxOrderAmt":"8000000","maxLimitOrderQty":"145454.5454","maxMarketOrderQty":"72727.2727","postOnlyMaxLimitOrderSize":"60000"},"priceFilter":{"tickSize":"0.01"},"riskParameters":{"priceLimitRatioX":"0.005","priceLimitRatioY":"0.01"},"symbolType":""}]},"retExtInfo":{},"time":1670610000000}"#)
    }
}
