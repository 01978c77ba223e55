import BybitSimulator
import Testing

/// The market endpoints beyond klines answer with the structure of Bybit's documented
/// examples: the same keys in the same order (the order book follows the recorded order
/// `s, b, a` rather than the docs' `s, a, b`), the same value types, numbers where Bybit
/// sends numbers.
@Suite struct MarketShapeTests {
    let harness: Harness
    init() throws { harness = try Harness() }

    @Test(arguments: [
        (RecordedSamples.spotTicker, "/v5/market/tickers?category=spot&symbol=BTCUSDT"),
        (RecordedSamples.inverseTicker, "/v5/market/tickers?category=inverse&symbol=BTCUSD"),
        (RecordedSamples.spotRecentTrade, "/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=1"),
        (RecordedSamples.linearFunding, "/v5/market/funding/history?category=linear&symbol=ETHPERP&limit=1"),
        (RecordedSamples.inverseOpenInterest1d, "/v5/market/open-interest?limit=5&category=inverse&intervalTime=1d&symbol=BTCUSD"),
        (RecordedSamples.linearAccountRatio1h, "/v5/market/account-ratio?category=linear&symbol=BTCUSDT&period=1h&limit=2&startTime=1670000000000&endTime=1670600000000"),
    ])
    func shapeMatchesTheDocumentedExample(sample: String, target: String) throws {
        let expected = try JSON.parse(sample)
        let actual = try harness.json(target)
        #expect(actual.shape == expected.shape, "\(target)")
        #expect(actual.keys == ["retCode", "retMsg", "result", "retExtInfo", "time"])
        #expect(actual["result"]?["list"]?.array?.count == expected["result"]?["list"]?.array?.count)
    }

    @Test func orderBookHasTheRecordedKeyOrderAndNumericCounters() throws {
        let book = try harness.json("/v5/market/orderbook?category=spot&symbol=BTCUSDT")
        let sample = try JSON.parse(RecordedSamples.spotOrderBook)
        #expect(book["result"]?.keys == ["s", "b", "a", "ts", "u", "seq", "cts"])
        #expect(book.unorderedShape == sample.unorderedShape)
    }

    @Test func wholeBodiesAreDeterministic() throws {
        let target = "/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=2"
        #expect(String(decoding: harness.get(target).body, as: UTF8.self) == #"{"retCode":0,"retMsg":"OK","result":{"s":"BTCUSDT","b":[["20699.20","1.843"],["20699.10","3.245"]],"a":[["20699.40","2.64"],["20699.50","0.809"]],"ts":1670610000000,"u":850836001,"seq":67061000000,"cts":1670609999880},"retExtInfo":{},"time":1670610000000}"#)
        let funding = "/v5/market/funding/history?category=linear&symbol=BTCUSDT&limit=2"
        #expect(String(decoding: harness.get(funding).body, as: UTF8.self) == #"{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"BTCUSDT","fundingRate":"0.000219","fundingRateTimestamp":"1670601600000"},{"symbol":"BTCUSDT","fundingRate":"0.000182","fundingRateTimestamp":"1670572800000"}]},"retExtInfo":{},"time":1670610000000}"#)
    }
}
