import BybitSimulator
import Testing

/// Responses have the structure (keys, order, value types) of Bybit's documented and recorded bodies.
@Suite struct ResponseShapeTests {
    let harness: Harness
    init() throws { harness = try Harness() }

    @Test(arguments: [
        (RecordedSamples.inverseKline60, "/v5/market/kline?category=inverse&symbol=BTCUSD&interval=60&start=1670601600000&end=1670608800000"),
        (RecordedSamples.indexKlineLimit2, "/v5/market/index-price-kline?category=inverse&symbol=BTCUSDZ22&interval=1&start=1670601600000&end=1670608800000&limit=2"),
        (RecordedSamples.linearInstruments, "/v5/market/instruments-info?category=linear&symbol=BTCUSDT"),
        (RecordedSamples.spotInstruments, "/v5/market/instruments-info?category=spot&symbol=BTCUSDT"),
    ])
    func shapeMatchesTheDocumentedExample(sample: String, target: String) throws {
        let expected = try JSON.parse(sample)
        let actual = try harness.json(target)
        #expect(actual.shape == expected.shape)
        #expect(actual.keys == ["retCode", "retMsg", "result", "retExtInfo", "time"])
        // Row counts match the examples too.
        #expect(actual["result"]?["list"]?.array?.count == expected["result"]?["list"]?.array?.count)
    }

    @Test func spotKlineMatchesTheRecordedBodyUpToKeyOrder() throws {
        // The recorded spot body lists `category` before `symbol`; the docs list `symbol` first.
        let later = try Harness(now: .milliseconds(1_682_922_881_591))
        let actual = try later.json("/v5/market/kline?category=spot&symbol=BTCUSDT&interval=15&limit=2")
        let recorded = try JSON.parse(RecordedSamples.spotKline15)
        #expect(actual.unorderedShape == recorded.unorderedShape)
        let starts = actual["result"]?["list"]?.array?.compactMap { $0[0]?.string }
        #expect(starts == ["1682922600000", "1682921700000"], "same open candle as the recording")
    }

    @Test func serverTimeHasSecondsNanosecondsAndSuccess() throws {
        let now = SimulatorTime(nanosecondsSinceEpoch: 1_688_639_403_423_213_947)
        let clocked = try Harness(now: now)
        let body = clocked.get("/v5/market/time").bodyText
        #expect(body == #"{"retCode":0,"retMsg":"success","result":{"timeSecond":"1688639403","timeNano":"1688639403423213947"},"retExtInfo":{},"time":1688639403423}"#)
        #expect(try JSON.parse(body).shape == JSON.parse(RecordedSamples.serverTime).shape)
    }

    @Test(arguments: ["/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1", "/v5/market/time", "/v5/market/instruments-info?category=spot",
                      "/v5/market/kline?symbol=NOPE&interval=1", "/nowhere"])
    func everyJSONResponseCarriesTheServerTime(target: String) throws {
        let body = try harness.json(target)
        #expect(body["time"]?.integer == Harness.docsNow.millisecondsSinceEpoch)
        #expect(body["retExtInfo"] == .object([]))
    }

    @Test func instrumentRowsCarryLaunchTimeExceptSpot() throws {
        for category in ["linear", "inverse"] {
            let list = try #require(try harness.json("/v5/market/instruments-info?category=\(category)")["result"]?["list"]?.array)
            #expect(!list.isEmpty)
            #expect(list.allSatisfy { Int64($0["launchTime"]?.string ?? "") != nil })
        }
        let spot = try #require(try harness.json("/v5/market/instruments-info?category=spot")["result"]?["list"]?.array)
        #expect(spot.allSatisfy { $0["launchTime"] == nil })
        #expect(try harness.json("/v5/market/instruments-info?category=spot")["result"]?["nextPageCursor"] == nil)
    }
}
