import LookoutBybit
import Testing

/// The public decoder reads every recorded sample the way the client reads live answers.
@Suite struct KlinePageDecodingTests {
    @Test func theDocsInverseSampleDecodesAscendingAndClosed() throws {
        let page = try KlinePage<Kline>.decode(try Samples.bytes("kline_inverse_60_docs_example.json"), interval: .oneHour)
        #expect(page.symbol == "BTCUSD")
        #expect(page.category == .inverse)
        #expect(page.serverTime == 1_672_025_956_592)
        #expect(page.rows.map(\.startTime) == [1_670_601_600_000, 1_670_605_200_000, 1_670_608_800_000])
        #expect(page.rows.map(\.close.description) == ["17071.5", "17071", "17055.5"])
        #expect(!page.rows.contains { !$0.isClosed })
    }

    @Test func theRecordedSpotSampleKeepsItsOpenCandle() throws {
        let page = try KlinePage<Kline>.decode(try Samples.bytes("kline_spot_15m_recorded_2023-05-01_ro-soku.json"), interval: .fifteenMinutes)
        #expect(page.category == .spot)
        #expect(page.rows.map(\.isClosed) == [true, false])
        #expect(page.closedRows.map(\.startTime) == [1_682_921_700_000])
        #expect(page.rows.last?.turnover.description == "372910.44913563")
    }

    @Test func theIndexSampleDecodesAsPriceCandles() throws {
        let page = try KlinePage<PriceKline>.decode(try Samples.bytes("index_price_kline_docs_example_limit2.json"), interval: .oneMinute)
        #expect(page.symbol == "BTCUSDZ22")
        #expect(page.rows.map(\.open.description) == ["17166.54", "17167.00"])
    }

    @Test func recordedErrorBodiesBecomeTheirErrors() throws {
        let expected: [(BybitError.Code, Int)] = [(.badRequest, 10001), (.serverBusy, 10016), (.badRequest, 10001), (.serverBusy, 5004)]
        for (line, (code, retCode)) in zip(try Samples.lines("errors_recorded.jsonl"), expected) {
            let error = #expect(throws: BybitError.self) { try KlinePage<Kline>.decode(line, interval: .oneMinute, symbol: "BTCUSDT") }
            #expect(error?.code == code)
            #expect(error?.retCode == retCode)
            #expect(error?.symbol == "BTCUSDT")
        }
    }

    @Test func htmlIsMalformed() {
        let error = #expect(throws: BybitError.self) { try KlinePage<Kline>.decode(Array("<html><body>502</body></html>".utf8), interval: .oneMinute) }
        #expect(error?.code == .malformedResponse)
        #expect(error?.message == "the body is an HTML/XML page, not Bybit JSON: \"<html><body>502</body></html>\"")
    }
}
