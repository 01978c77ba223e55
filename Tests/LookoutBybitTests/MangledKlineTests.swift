import LookoutBybit
import Testing

/// A corpus of mangled kline responses: each must be refused with a typed error, never
/// accepted with a wrong value.
@Suite struct MangledKlineTests {
    static func body(symbol: String = "BTCUSDT", rows: String, time: String = #","time":1704067500000"#) -> [UInt8] {
        Array(#"{"retCode":0,"retMsg":"OK","result":{"symbol":"\#(symbol)","category":"linear","list":[\#(rows)]},"retExtInfo":{}\#(time)}"#.utf8)
    }
    static let good = #"["1704067260000","42000.5","42010","41990","42005","1.5","63000"]"#

    @Test("mangled responses are refused", arguments: [
        ("seconds instead of milliseconds", body(rows: #"["1704067260","42000.5","42010","41990","42005","1.5","63000"]"#), "looks like seconds"),
        ("start not on the minute", body(rows: #"["1704067261000","42000.5","42010","41990","42005","1.5","63000"]"#), "not on a 1 boundary"),
        ("an extra field", body(rows: #"["1704067260000","42000.5","42010","41990","42005","1.5","63000","x"]"#), "more than 7 fields"),
        ("a missing field", body(rows: #"["1704067260000","42000.5","42010","41990","42005","1.5"]"#), "expected 7 fields"),
        ("a negative price", body(rows: #"["1704067260000","-42000.5","42010","41990","42005","1.5","63000"]"#), "is negative"),
        ("a negative volume", body(rows: #"["1704067260000","42000.5","42010","41990","42005","-1.5","63000"]"#), "is negative"),
        ("another symbol", body(symbol: "ETHUSDT", rows: good), "result.symbol is ETHUSDT but BTCUSDT was requested"),
        ("a price that is not a number", body(rows: #"["1704067260000","4x","42010","41990","42005","1.5","63000"]"#), "is not a decimal number"),
        ("a start time that is not a number", body(rows: #"["soon","42000.5","42010","41990","42005","1.5","63000"]"#), "is not a start time"),
    ] as [(String, [UInt8], String)])
    func refused(name: String, body: [UInt8], expected: String) {
        let error = #expect(throws: BybitError.self, "\(name)") {
            try KlinePage<Kline>.decode(body, interval: .oneMinute, symbol: "BTCUSDT")
        }
        #expect(error?.code == .malformedResponse, "\(name)")
        #expect(error?.message.contains(expected) == true, "\(name): \(error?.message ?? "")")
    }

    @Test func theSoundRowIsAccepted() throws {
        let page = try KlinePage<Kline>.decode(Self.body(rows: Self.good), interval: .oneMinute, symbol: "BTCUSDT")
        #expect(page.rows.map(\.startTime) == [1_704_067_260_000])
    }

    @Test func negativePremiumIndexPricesAreValid() throws {
        let body = Array(#"{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[["1704067260000","-0.0001","0.0002","-0.0003","-0.0001"]]},"retExtInfo":{},"time":1704067500000}"#.utf8)
        let page = try KlinePage<PriceKline>.decode(body, interval: .oneMinute, symbol: "BTCUSDT")
        #expect(page.rows.count == 1)
    }
}
