import BybitSimulator
import Testing

/// Validation answers: HTTP 200, retCode 10001 and Bybit's exact messages; 404 for unknown routes.
@Suite struct ValidationErrorTests {
    let harness: Harness
    init() throws { harness = try Harness() }

    /// A recorded body with its `time` replaced by the simulator's current time.
    func recorded(_ body: String) -> String {
        let now = String(Harness.docsNow.millisecondsSinceEpoch)
        // The body ends in `"time":<digits>}`.
        var prefix = Substring(body.dropLast())
        while prefix.last?.isNumber == true { prefix = prefix.dropLast() }
        return prefix + now + "}"
    }

    @Test(arguments: [
        "/v5/market/kline?category=linear&symbol=NOPEUSDT&interval=60",
        "/v5/market/kline?category=linear&symbol=btcusdt&interval=60",  // "uppercase only"
        "/v5/market/kline?interval=60",  // no symbol
        "/v5/market/kline?category=spot&symbol=BTCUSD&interval=60",  // an inverse symbol asked as spot
        "/v5/market/mark-price-kline?category=option&symbol=BTC-27DEC24-100000-C&interval=60",
    ])
    func unknownSymbolsMatchTheRecordedBody(target: String) {
        let response = harness.get(target)
        #expect(response.status == 200)
        #expect(response.bodyText == recorded(RecordedSamples.notSupportedSymbols))
    }

    @Test(arguments: [
        "/v5/market/kline?symbol=BTCUSDT&interval=3d",
        "/v5/market/kline?symbol=BTCUSDT&interval=1h",
        "/v5/market/kline?symbol=BTCUSDT&interval=d",
        "/v5/market/kline?symbol=BTCUSDT",  // missing interval on /kline
        "/v5/market/mark-price-kline?symbol=BTCUSDT&interval=2",
    ])
    func badIntervalsMatchTheRecordedBody(target: String) {
        let response = harness.get(target)
        #expect(response.status == 200)
        #expect(response.bodyText == recorded(RecordedSamples.invalidPeriod))
    }

    @Test(arguments: ["/v5/market/premium-index-price-kline?symbol=BTCUSDT", "/v5/market/index-price-kline?symbol=BTCUSDT&inverval=60"])
    func missingIntervalOnPriceKlines(target: String) {
        // pybit#308: a misspelt `inverval` on premium-index-price-kline.
        #expect(harness.get(target).bodyText
            == recorded(#"{"retCode":10001,"retMsg":"params error: intervalTime is invalid","result":{},"retExtInfo":{},"time":1}"#))
    }

    @Test(arguments: [
        "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=0",
        "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=1001",
        "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=ten",
        "/v5/market/kline?symbol=BTCUSDT&interval=1&limit=-5",
        "/v5/market/kline?symbol=BTCUSDT&interval=1&start=yesterday",
        "/v5/market/kline?symbol=BTCUSDT&interval=1&end=1.5e12",
        "/v5/market/kline?category=option&symbol=BTCUSDT&interval=1",  // option is not a /kline category
        "/v5/market/index-price-kline?category=spot&symbol=BTCUSDT&interval=1",
        "/v5/market/premium-index-price-kline?category=inverse&symbol=BTCUSD&interval=1",
        "/v5/market/kline?category=futures&symbol=BTCUSDT&interval=1",
        "/v5/market/instruments-info",  // category is required
        "/v5/market/instruments-info?category=linear&limit=1001",
        "/v5/market/instruments-info?category=linear&cursor=page2",
        "/v5/market/instruments-info?category=linear&status=Listed",
    ])
    func otherBadParametersGetTheGenericMessage(target: String) {
        let response = harness.get(target)
        #expect(response.status == 200)
        #expect(response.bodyText
            == recorded(#"{"retCode":10001,"retMsg":"Request parameter error","result":{},"retExtInfo":{},"time":1}"#))
    }

    @Test func clampPolicyClampsOutOfRangeLimits() throws {
        let clamping = try Harness(configuration: SimulatorConfiguration(limitPolicy: .clamp))
        #expect(try clamping.starts("/v5/market/kline?symbol=BTCUSDT&interval=1&limit=5000").count == 1000)
        #expect(try clamping.starts("/v5/market/kline?symbol=BTCUSDT&interval=1&limit=0").count == 1)
        #expect(clamping.get("/v5/market/kline?symbol=BTCUSDT&interval=1&limit=many").bodyText.contains("Request parameter error"))
    }

    @Test(arguments: [("GET", "/v5/market/klines"), ("GET", "/v5/market/kline/"), ("GET", "/"), ("POST", "/v5/market/kline"), ("get", "/v5/market/time")])
    func unknownRoutesAre404WithRouteNotFound(method: String, path: String) {
        let response = harness.simulator.respond(to: SimulatorRequest(method: method, path: path))
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(response.bodyText == recorded(#"{"retCode":10017,"retMsg":"Route not found.","result":{},"retExtInfo":{},"time":1}"#))
    }

    @Test func queryDecodingAndFirstValueWins() throws {
        // %49 is "I"; a repeated name keeps its first value; unknown parameters are ignored.
        let starts = try harness.starts("/v5/market/kline?symbol=BTCUSDT&interval=%36%30&limit=2&limit=7&foo=bar")
        #expect(starts.count == 2)
    }

    @Test func missingCategoryMeansLinearOnEveryKlineEndpoint() throws {
        for endpoint in ["kline", "mark-price-kline", "index-price-kline", "premium-index-price-kline"] {
            let body = try harness.json("/v5/market/\(endpoint)?symbol=BTCUSDT&interval=60&limit=1")
            #expect(body["result"]?["category"]?.string == "linear", "\(endpoint)")
        }
    }
}
