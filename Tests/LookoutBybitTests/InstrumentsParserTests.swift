@testable import LookoutBybit
import Testing

@Suite struct InstrumentsParserTests {
    func parse(_ bytes: [UInt8]) throws(ParseFailure) -> BybitEnvelope<InstrumentsResult> {
        try bytes.withUnsafeBufferPointer { (buffer) throws(ParseFailure) in try InstrumentsParser.parse(buffer) }
    }

    @Test func linearSample() throws {
        let envelope = try parse(try Samples.bytes("instruments_info_linear_docs_example.json"))
        #expect(envelope.time == 1735809771618)
        let result = try #require(envelope.result)
        #expect(result.nextPageCursor == "")
        #expect(result.instruments == [BybitInstrument(
            symbol: "BTCUSDT", status: "Trading", baseCoin: "BTC", quoteCoin: "USDT", settleCoin: "USDT",
            contractType: "LinearPerpetual", launchTime: 1585526400000, deliveryTime: nil, tickSize: d("0.10"),
            quantityStep: d("0.001"), minOrderQuantity: d("0.001"), maxOrderQuantity: d("1190.000"))])
        #expect(result.instruments.first?.tickSize?.description == "0.10")
    }

    @Test func spotSampleHasNoLaunchTimeOrCursor() throws {
        let result = try #require(try parse(try Samples.bytes("instruments_info_spot_docs_example.json")).result)
        #expect(result.nextPageCursor == nil)
        #expect(result.instruments == [BybitInstrument(
            symbol: "BTCUSDT", status: "Trading", baseCoin: "BTC", quoteCoin: "USDT", tickSize: d("0.1"),
            quantityStep: d("0.000001"), minOrderQuantity: d("0.000011"), maxOrderQuantity: d("83"))])
    }

    @Test func serverTimeSample() throws {
        let bytes = try Samples.bytes("server_time_docs_example.json")
        let envelope = try bytes.withUnsafeBufferPointer { (buffer) throws(ParseFailure) in try InstrumentsParser.parseServerTime(buffer) }
        #expect(envelope.time == 1688639403423)
        #expect(envelope.result?.seconds == 1688639403)
        #expect(envelope.result?.nanoseconds == 1688639403423213947)
    }

    @Test func instrumentWithoutSymbolIsAnError() {
        #expect(throws: ParseFailure(message: "result.list[0] has no symbol")) {
            try parse(Array(#"{"retCode":0,"result":{"list":[{"status":"Trading"}]}}"#.utf8))
        }
    }
}
