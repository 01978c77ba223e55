import LookoutBybit
@testable import LookoutCache
import Testing

@Suite struct CandleChunkCodecTests {
    static let symbols = ["BTCUSDT", "ETHUSDT", "DOGEUSDT", "XRPUSDT", "BCHUSDT"]
    static let intervals: [KlineInterval] = [.oneMinute, .fifteenMinutes, .oneHour, .day]

    /// Property: every simulated chunk (symbols × intervals × several starts) decodes to
    /// exactly the candles encoded, digit for digit (descriptions compared, not values).
    @Test(arguments: intervals)
    func simulatedChunksRoundTripDigitForDigit(interval: KlineInterval) throws {
        for symbol in Self.symbols {
            for step in 0..<3 {
                let start = CandleData.january2024 + Int64(step) * 1000 * interval.milliseconds!
                let rows = try CandleData.simulated(symbol, interval: interval, start: start)
                let chunk = CandleChunk(start: start, interval: interval, capacity: 1000, rows: rows)
                try expectRoundTrip(chunk)
            }
        }
    }

    @Test func recordedSamplesRoundTrip() throws {
        let spot = try CandleData.recorded("kline_spot_15m_recorded_2023-05-01_ro-soku.json", interval: .fifteenMinutes)
        let inverse = try CandleData.recorded("kline_inverse_60_docs_example.json", interval: .oneHour)
        #expect(!spot.isEmpty && !inverse.isEmpty)
        for capacity in [1000, 200, 7] {
            try expectRoundTrip(CandleData.chunk(spot, interval: .fifteenMinutes, capacity: capacity))
            try expectRoundTrip(CandleData.chunk(inverse, interval: .oneHour, capacity: capacity))
        }
    }

    /// Mixed scales in one column, trailing zeros, negative and huge values, gaps, an open
    /// last candle: all come back with their own digits.
    @Test func awkwardValuesRoundTrip() throws {
        let d = CandleData.decimal
        let start: Int64 = 1_700_000_000_000 / 60_000 * 60_000 / 6_000_000 * 6_000_000
        let rows = [
            Kline(startTime: start, open: d("17071"), high: d("17073.50"), low: d("17027.5"), close: d("17055.5"), volume: d("0"), turnover: d("0")),
            Kline(startTime: start + 3 * 60_000, open: d("-0.00012"), high: d("99999999999999999999.123456789012"),
                  low: d("-99999999999999999999.5"), close: d("1e-12"), volume: d("12345678901234567890123"), turnover: d("1.000")),
            Kline(startTime: start + 99 * 60_000, open: d("2.08"), high: d("2.1"), low: d("2.0"), close: d("2.0800"), volume: d("5"),
                  turnover: d("10.4"), isClosed: false),
        ]
        try expectRoundTrip(CandleChunk(start: start, interval: .oneMinute, capacity: 100, rows: rows))
        try expectRoundTrip(CandleChunk(start: start, interval: .oneMinute, capacity: 100, rows: []))
        var huge = rows
        huge[0].high = d("99999999999999999999999999.5")
        huge[0].low = d("1e-30")
        #expect(throws: CandleChunkCodec.EncodingFailure.valueOutOfRange) {
            try CandleChunkCodec.encode(CandleChunk(start: start, interval: .oneMinute, capacity: 100, rows: huge))
        }
    }

    @Test func storedSizeIsUnderAFifthOfTheRawJSON() throws {
        for interval in [KlineInterval.oneMinute, .fifteenMinutes, .day] {
            let start = CandleData.january2024 / (1000 * interval.milliseconds!) * (1000 * interval.milliseconds!)
            let rows = try CandleData.simulated("BTCUSDT", interval: interval, start: start)
            let json = rows.map { "[\"\($0.startTime)\",\"\($0.open)\",\"\($0.high)\",\"\($0.low)\",\"\($0.close)\",\"\($0.volume)\",\"\($0.turnover)\"]" }
                .joined(separator: ",")
            let stored = try CandleChunkCodec.encode(CandleChunk(start: start, interval: interval, capacity: 1000, rows: rows))
            #expect(stored.count * 5 <= json.utf8.count, "interval \(interval): \(stored.count) bytes vs \(json.utf8.count) of JSON")
        }
    }

    @Test func refusesChunksItCannotRepresent() throws {
        let d = CandleData.decimal
        let row = Kline(startTime: 60_000 * 5 + 1, open: d("1"), high: d("1"), low: d("1"), close: d("1"), volume: d("1"), turnover: d("1"))
        #expect(throws: CandleChunkCodec.EncodingFailure.rowOutsideChunk(startTime: row.startTime)) {
            try CandleChunkCodec.encode(CandleChunk(start: 0, interval: .oneMinute, capacity: 10, rows: [row]))
        }
        var open = row
        open.startTime = 0
        open.isClosed = false
        var next = open
        next.startTime = 60_000
        #expect(throws: CandleChunkCodec.EncodingFailure.openCandleNotLast) {
            try CandleChunkCodec.encode(CandleChunk(start: 0, interval: .oneMinute, capacity: 10, rows: [open, next]))
        }
        #expect(throws: CandleChunkCodec.EncodingFailure.unsupportedShape) {
            try CandleChunkCodec.encode(CandleChunk(start: 0, interval: .month, capacity: 10, rows: []))
        }
    }

    private func expectRoundTrip(_ chunk: CandleChunk, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = try CandleChunkCodec.encode(chunk)
        let decoded = try CandleChunkCodec.decode(bytes, start: chunk.start, interval: chunk.interval, capacity: chunk.capacity)
        #expect(decoded.rows.count == chunk.rows.count, sourceLocation: sourceLocation)
        #expect(decoded == chunk, sourceLocation: sourceLocation)
        let text = { (rows: [Kline]) in rows.map { "\($0.startTime) \($0.open) \($0.high) \($0.low) \($0.close) \($0.volume) \($0.turnover) \($0.isClosed)" } }
        #expect(text(decoded.rows) == text(chunk.rows), sourceLocation: sourceLocation)
    }
}
