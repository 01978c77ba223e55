import LookoutBybit

/// Writes `lookout fetch` CSV rows straight into the output buffer: digits of every
/// decimal and timestamp go into one scratch row and are appended once, with no `String`
/// per field (a streamed 3 × 1,000,000-candle fetch writes 30 million fields).
///
/// The `start_utc` date is computed once per UTC day (1,440 one-minute candles share it);
/// only the time of day is written per row. Output equals the field-by-field form
/// (`String(startTime)`, ``BybitTimestamp/format(_:)``, ``ExactDecimal/description``)
/// byte for byte. One writer per symbol; not thread-safe.
struct CSVRowWriter {
    private let symbol: [UInt8]
    /// The UTC day whose `YYYY-MM-DDT` text is in ``datePrefix``.
    private var day: Int64 = .min
    private var datePrefix: [UInt8] = []
    /// Six decimals, two integers, a date-time and separators: 6 × 80 + 2 × 20 + 64 bytes.
    private static let maxRowLength = 6 * DecimalDigits.maxLength + 128

    init(symbol: String) {
        self.symbol = Array(symbol.utf8)
    }

    /// Appends `symbol,start,start_utc,open,high,low,close,volume,turnover,closed\n`.
    mutating func append(_ candle: Kline, to out: inout [UInt8]) {
        out.append(contentsOf: symbol)
        let time = timeOfDay(candle.startTime)
        let prefix = datePrefix
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxRowLength) { scratch in
            let base = scratch.baseAddress!
            var offset = 0
            base[offset] = UInt8(ascii: ",")
            offset += 1
            offset += DecimalDigits.write(candle.startTime, to: base + offset)
            base[offset] = UInt8(ascii: ",")
            offset += 1
            if let time {
                prefix.withUnsafeBufferPointer { (base + offset).update(from: $0.baseAddress!, count: $0.count) }
                offset += prefix.count
                func twoDigits(_ value: Int64, then separator: UInt8) {
                    base[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
                    base[offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
                    base[offset + 2] = separator
                    offset += 3
                }
                twoDigits(time / 3600, then: UInt8(ascii: ":"))
                twoDigits(time / 60 % 60, then: UInt8(ascii: ":"))
                twoDigits(time % 60, then: UInt8(ascii: "Z"))
            } else {
                // Milliseconds, negative or five-digit years: the general formatter.
                for byte in BybitTimestamp.format(candle.startTime).utf8 {
                    base[offset] = byte
                    offset += 1
                }
            }
            func decimal(_ value: ExactDecimal) {
                base[offset] = UInt8(ascii: ",")
                offset += 1
                offset += DecimalDigits.write(value, to: base + offset)
            }
            decimal(candle.open)
            decimal(candle.high)
            decimal(candle.low)
            decimal(candle.close)
            decimal(candle.volume)
            decimal(candle.turnover)
            let closed: StaticString = candle.isClosed ? ",true\n" : ",false\n"
            (base + offset).update(from: closed.utf8Start, count: closed.utf8CodeUnitCount)
            offset += closed.utf8CodeUnitCount
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: offset))
        }
    }

    /// Seconds into the UTC day of `start`, with ``datePrefix`` set to its `YYYY-MM-DDT`;
    /// `nil` where the fast path does not apply (the caller formats the whole value).
    private mutating func timeOfDay(_ start: Int64) -> Int64? {
        guard start >= 0, start % 1000 == 0 else { return nil }
        let day = start / 86_400_000
        if day != self.day {
            let text = Array(BybitTimestamp.format(day * 86_400_000).utf8)
            // "YYYY-MM-DDT00:00:00Z" is 20 bytes; other years take the general path.
            guard text.count == 20 else { return nil }
            self.day = day
            datePrefix = Array(text.prefix(11))
        }
        return (start - day * 86_400_000) / 1000
    }
}
