import BybitSimulator
import LookoutBybit
import Testing

/// The compact candle a whole range is held in: 64 bytes each, digit for digit.
@Suite struct CompactKlineTests {
    static func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

    static func text(_ rows: some Sequence<Kline>) -> [String] {
        rows.map { "\($0.startTime) \($0.open) \($0.high) \($0.low) \($0.close) \($0.volume) \($0.turnover) \($0.isClosed)" }
    }

    @Test func aCompactCandleIsAtMost64Bytes() {
        #expect(MemoryLayout<CompactKline>.stride <= 64)
        #expect(MemoryLayout<Kline>.stride > 3 * MemoryLayout<CompactKline>.stride)
    }

    /// A day of simulated 1m candles for several symbols comes back digit for digit, and
    /// the collection holds 64 bytes a candle (printed beside the `Kline` array's size).
    @Test func simulatedRangesRoundTripDigitForDigitIn64BytesACandle() throws {
        let simulator = try BybitSimulator()
        let start: Int64 = 1_704_067_200_000
        for symbol in ["BTCUSDT", "ETHUSDT", "DOGEUSDT", "XRPUSDT"] {
            let response = simulator.respond(to: SimulatorRequest(
                path: "/v5/market/kline",
                query: "category=linear&symbol=\(symbol)&interval=1&start=\(start)&end=\(start + 999 * 60_000)&limit=1000"))
            let rows = try KlinePage<Kline>.decode(response.body, interval: .oneMinute).rows
            #expect(rows.count == 1000)
            let compact = CompactKlines(rows)
            #expect(Self.text(compact) == Self.text(rows))
            #expect(Array(compact) == rows)
            #expect(compact.bytesHeld == 64 * rows.count)
            print("\(symbol): \(compact.bytesHeld / rows.count) bytes a candle held compactly, \(MemoryLayout<Kline>.stride) as [Kline]")
        }
    }

    /// Trailing zeros, an open candle, and values too long for 64 bits (kept whole).
    @Test func awkwardValuesComeBackWithTheirOwnDigits() {
        let d = Self.decimal
        let rows = [
            Kline(startTime: 0, open: d("17071"), high: d("17073.50"), low: d("17027.5"), close: d("17055.500"), volume: d("0"), turnover: d("0.0")),
            Kline(startTime: 60_000, open: d("0.00012"), high: d("99999999999999999999.123456789012"), low: d("0.000000000001"),
                  close: d("1e-12"), volume: d("12345678901234567890123"), turnover: d("1.000")),
            Kline(startTime: 120_000, open: d("2.08"), high: d("2.1"), low: d("2.0"), close: d("2.0800"), volume: d("5"),
                  turnover: d("9223372036854775807"), isClosed: false),
        ]
        #expect(CompactKline(rows[0])?.kline == rows[0])
        #expect(CompactKline(rows[1]) == nil)
        #expect(CompactKline(rows[2]).map { Self.text([$0.kline]) } == Self.text([rows[2]]))
        let compact = CompactKlines(rows)
        #expect(compact.count == 3)
        #expect(Self.text(compact) == Self.text(rows))
        #expect(compact.last?.isClosed == false)
        #expect(compact.bytesHeld > 3 * 64)
        var appended = CompactKlines()
        for row in rows.reversed() { appended.append(row) }
        #expect(Self.text(appended) == Self.text(rows.reversed()))
    }
}
