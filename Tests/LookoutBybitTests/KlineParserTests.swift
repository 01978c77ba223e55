@testable import LookoutBybit
import Testing

/// Parses `text` as a kline response of `Row`.
func parseKlines<Row: ParsableKlineRow>(_ bytes: [UInt8], as _: Row.Type = Kline.self) throws(ParseFailure) -> BybitEnvelope<KlineResult<Row>> {
    try bytes.withUnsafeBufferPointer { (buffer) throws(ParseFailure) in try KlineParser.parse(buffer, as: Row.self) }
}

func parseFailure<Row: ParsableKlineRow>(_ text: String, as _: Row.Type = Kline.self) -> String? {
    do {
        _ = try parseKlines(Array(text.utf8), as: Row.self)
        return nil
    } catch {
        return error.message
    }
}

func d(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

@Suite struct KlineParserTests {
    @Test func invertedDocsSampleParsesEveryField() throws {
        let envelope = try parseKlines(try Samples.bytes("kline_inverse_60_docs_example.json"))
        #expect(envelope.retCode == 0)
        #expect(envelope.retMsg == "OK")
        #expect(envelope.time == 1672025956592)
        let result = try #require(envelope.result)
        #expect(result.symbol == "BTCUSD")
        #expect(result.category == "inverse")
        #expect(result.rows == [
            Kline(startTime: 1670608800000, open: d("17071"), high: d("17073"), low: d("17027"), close: d("17055.5"), volume: d("268611"), turnover: d("15.74462667")),
            Kline(startTime: 1670605200000, open: d("17071.5"), high: d("17071.5"), low: d("17061"), close: d("17071"), volume: d("4177"), turnover: d("0.24469757")),
            Kline(startTime: 1670601600000, open: d("17086.5"), high: d("17088"), low: d("16978"), close: d("17071.5"), volume: d("6356"), turnover: d("0.37288112")),
        ])
    }

    @Test func recordedSpotSampleRoundTripsAndMarksTheOpenCandle() throws {
        let bytes = try Samples.bytes("kline_spot_15m_recorded_2023-05-01_ro-soku.json")
        let envelope = try parseKlines(bytes)
        let result = try #require(envelope.result)
        #expect(result.category == "spot")
        #expect(result.symbol == "BTCUSDT")
        var rows = try #require(result.rows)
        // Every value written back equals the exchange's own text.
        let text = String(decoding: bytes, as: UTF8.self)
        for row in rows {
            for value in [row.open, row.high, row.low, row.close, row.volume, row.turnover] {
                #expect(text.contains("\"\(value)\""))
            }
        }
        rows.reverse()
        rows.normalizeCandles(interval: .fifteenMinutes, serverTime: try #require(envelope.time))
        #expect(rows.map(\.startTime) == [1682921700000, 1682922600000])
        #expect(rows.map(\.isClosed) == [true, false])
        #expect(rows[1].close == d("28548.76"))
    }

    @Test func indexPriceSampleHasFiveFieldRows() throws {
        let envelope = try parseKlines(try Samples.bytes("index_price_kline_docs_example_limit2.json"), as: PriceKline.self)
        #expect(envelope.result?.rows == [
            PriceKline(startTime: 1670608800000, open: d("17167.00"), high: d("17167.00"), low: d("17161.90"), close: d("17163.07")),
            PriceKline(startTime: 1670608740000, open: d("17166.54"), high: d("17167.69"), low: d("17165.42"), close: d("17167.00")),
        ])
        #expect(envelope.result?.rows?.first?.open.description == "17167.00")
    }

    @Test func recordedErrorBodiesKeepCodeAndMessage() throws {
        let lines = try Samples.lines("errors_recorded.jsonl")
        let parsed = try lines.map { line in
            let envelope = try parseKlines(line)
            return "\(envelope.retCode) \(envelope.retMsg) \(envelope.result == nil ? "null" : "{}") \(envelope.time ?? 0)"
        }
        #expect(parsed == [
            "10001 Not supported symbols {} 1726147060461",
            "10016 Request timeout, please try again later {} 1675307914985",
            "10001 Invalid period! {} 1762877810221",
            "5004 Server Timeout null 1667577060106",
        ])
    }

    @Test("success messages are not checked", arguments: ["OK", "success", "SUCCESS", ""])
    func successMessages(message: String) throws {
        let envelope = try parseKlines(Array(#"{"retCode":0,"retMsg":"\#(message)","result":{"list":[]},"time":1}"#.utf8))
        #expect(envelope.retCode == 0)
        #expect(envelope.retMsg == message)
        #expect(envelope.result?.rows == [])
    }

    /// Unknown keys and numbers where strings are documented are tolerated; extra row
    /// fields are not (see MangledKlineTests).
    @Test func keyOrderExtraKeysAndNumbersAreTolerated() throws {
        let body = #"""
         {"time": 1700000000000, "retExtInfo": {"a": [1, {"b": null}], "c": true},
          "result": {"list": [["1699999940000", 1.5, "2", "0.5", "1", "0", "0"]], "category": "linear", "future": [1,2,3], "symbol": "BTCUSDT"},
          "retMsg": "OK", "retCode": "0"}
        """#
        let envelope = try parseKlines(Array(body.utf8))
        #expect(envelope.retCode == 0)
        #expect(envelope.time == 1700000000000)
        #expect(envelope.result?.symbol == "BTCUSDT")
        #expect(envelope.result?.rows == [Kline(startTime: 1699999940000, open: d("1.5"), high: d("2"), low: d("0.5"), close: d("1"), volume: d("0"), turnover: d("0"))])
    }

    @Test func nullResultAndMissingListAreDistinguished() throws {
        #expect(try parseKlines(Array(#"{"retCode":5004,"retMsg":"Server Timeout","result":null}"#.utf8)).result == nil)
        let empty = try parseKlines(Array(#"{"retCode":0,"retMsg":"OK","result":{}}"#.utf8))
        #expect(empty.result != nil && empty.result?.rows == nil)
    }

    @Test("malformed bodies name the problem", arguments: [
        ("", "the body is empty"),
        ("   \n", "the body is only whitespace"),
        ("<html><head><title>502 Bad Gateway</title></head></html>", "the body is an HTML/XML page, not Bybit JSON: \"<html><head><title>502 Bad Gateway</title></head></html>\""),
        ("[1,2]", "the body is not a JSON object, not Bybit JSON: \"[1,2]\""),
        (#"{"retMsg":"OK"}"#, "the response has no retCode: \"{\"retMsg\":\"OK\"}\""),
        (#"{"retCode":0,"result":{"list":[["1","2","3","4","5","6"]]}}"#, "result.list[0] (expected 7 fields): expected ',' at byte 55, found ']'"),
        (#"{"retCode":0,"result":{"list":[["1","2","x","4","5","6","7"]]}}"#, "result.list[0][2]: \"x\" is not a decimal number"),
        (#"{"retCode":0,"result":{"list":[["-5","2","3","4","5","6","7"]]}}"#, "result.list[0][0]: \"-5\" is not a start time in milliseconds"),
        // Found by `make fuzz` (bybit target): these used to overflow computing the candle end.
        (#"{"retCode":0,"result":{"list":[["9223372036854775807","2","3","4","5","6","7"]]}}"#,
         "result.list[0][0]: \"9223372036854775807\" is not a start time in milliseconds"),
        (#"{"retCode":0,"result":{"list":[["253402300800000","2","3","4","5","6","7"]]}}"#,
         "result.list[0][0]: \"253402300800000\" is not a start time in milliseconds"),
        (#"{"retCode":0,"result":{"list":[["1","2","3","4","5","6","7"]]}} trailing"#, "unexpected data after the JSON object at byte 64: \"trailing\""),
        (#"{"retCode":0,"result":{"list":[["1","2","3","4","5","6","7"]}}"#, "result.list: expected ',' or ']' at byte 60, found '}'"),
        (#"{"retCode":0.5}"#, "retCode: expected an integer (no fraction or exponent) at byte 12, found '.'"),
        (#"{"retCode":0,"x":tru}"#, "response: expected a JSON value at byte 17, found 't'"),
        (#"{"retCode":0,"x":[1,}"#, "response: expected a JSON value at byte 20, found '}'"),
    ])
    func malformed(body: String, message: String) {
        #expect(parseFailure(body) == message)
    }

    @Test func everyTruncationOfASampleFailsCleanly() throws {
        let bytes = try Samples.bytes("kline_inverse_60_docs_example.json")
        var lastSignificant = bytes.count
        while lastSignificant > 0, bytes[lastSignificant - 1] == 0x0A || bytes[lastSignificant - 1] == 0x20 { lastSignificant -= 1 }
        for length in 0..<lastSignificant {
            do {
                _ = try parseKlines(Array(bytes[..<length]))
                Issue.record("a \(length)-byte prefix parsed as a complete response")
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        let truncatedMid = parseFailure(String(decoding: bytes[..<300], as: UTF8.self))
        #expect(truncatedMid?.hasSuffix("the body ends after 300 bytes, in the middle of the JSON (truncated response?)") == true)
    }

    @Test func deepNestingIsRefused() {
        let body = #"{"retCode":0,"x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(parseFailure(body)?.contains("nesting of at most 64 levels") == true)
    }

    @Test func escapedStringsDecode() throws {
        let envelope = try parseKlines(Array(#"{"retCode":10001,"retMsg":"bad \"symbol\" \u00e9\ud83d\ude00\n","result":{}}"#.utf8))
        #expect(envelope.retMsg == "bad \"symbol\" é😀\n")
    }
}
