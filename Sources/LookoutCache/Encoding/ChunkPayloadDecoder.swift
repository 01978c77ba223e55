import LookoutBybit

/// Reads a chunk's raw (decompressed) payload; see ``CandleChunkCodec`` for the layout.
enum ChunkPayloadDecoder {
    static func decode(
        _ payload: UnsafeBufferPointer<UInt8>, count: Int, lastOpen: Bool, start: Int64, length: Int64,
        interval: KlineInterval, capacity: Int
    ) throws(ChunkDecodingFailure) -> CandleChunk {
        var reader = ByteReader(payload)
        var startTimes = [Int64](repeating: 0, count: count)
        var slot: Int64 = -1
        for index in 0..<count {
            guard let gap = reader.varint(), gap < UInt128(capacity) else { throw .malformed("slot gap of row \(index)") }
            slot += Int64(gap) + 1
            guard slot < capacity else { throw .malformed("row \(index) lies beyond the chunk") }
            startTimes[index] = start + slot * length
        }
        guard let priceScale = reader.byte(), let volumeScale = reader.byte(), let turnoverScale = reader.byte(),
              priceScale <= 38, volumeScale <= 38, turnoverScale <= 38 else { throw .malformed("column scales") }
        let sharedScales = [priceScale, priceScale, priceScale, priceScale, volumeScale, turnoverScale]
        // Per column: nil when every value uses the shared scale, else each row's difference.
        var scaleDifferences: [UnsafeBufferPointer<UInt8>?] = []
        for column in 0..<6 {
            guard let flag = reader.byte() else { throw .truncated }
            switch flag {
            case 0: scaleDifferences.append(nil)
            case 1:
                guard let differences = reader.bytes(count) else { throw .truncated }
                for difference in differences where difference > sharedScales[column] { throw .malformed("scale difference in column \(column)") }
                scaleDifferences.append(differences)
            default: throw .malformed("scale flag \(flag) in column \(column)")
            }
        }
        var columns = [[Int128]](repeating: [], count: 6)
        for column in 0..<6 {
            var values = [Int128]()
            values.reserveCapacity(count)
            for index in 0..<count {
                guard let value = reader.signed() else { throw .malformed("value \(index) of column \(column)") }
                values.append(value)
            }
            columns[column] = values
        }
        guard reader.remaining == 0 else { throw .malformed("\(reader.remaining) bytes after the last column") }
        var rows: [Kline] = []
        rows.reserveCapacity(count)
        var previousClose: Int128 = 0
        for index in 0..<count {
            let open = columns[0][index] &+ previousClose
            let close = open &+ columns[3][index]
            let high = columns[1][index] &+ max(open, close)
            let low = min(open, close) &- columns[2][index]
            previousClose = close
            let turnover = columns[5][index] &+ TurnoverPrediction.predict(
                volume: columns[4][index], volumeScale: Int(volumeScale), priceSum: open &+ high &+ low &+ close,
                priceScale: Int(priceScale), turnoverScale: Int(turnoverScale))
            rows.append(Kline(
                startTime: startTimes[index],
                open: try decimal(open, scale: priceScale, difference: scaleDifferences[0]?[index]),
                high: try decimal(high, scale: priceScale, difference: scaleDifferences[1]?[index]),
                low: try decimal(low, scale: priceScale, difference: scaleDifferences[2]?[index]),
                close: try decimal(close, scale: priceScale, difference: scaleDifferences[3]?[index]),
                volume: try decimal(columns[4][index], scale: volumeScale, difference: scaleDifferences[4]?[index]),
                turnover: try decimal(turnover, scale: turnoverScale, difference: scaleDifferences[5]?[index]),
                isClosed: !(lastOpen && index == count - 1)))
        }
        return CandleChunk(start: start, interval: interval, capacity: capacity, rows: rows)
    }

    /// `value × 10^-scale` written with `scale - difference` fractional digits; the dropped
    /// digits must be zeros (they were added by the encoder).
    @inline(__always)
    private static func decimal(_ value: Int128, scale: UInt8, difference: UInt8?) throws(ChunkDecodingFailure) -> ExactDecimal {
        guard let difference, difference > 0 else {
            return ExactDecimal(significand: value, scale: Int(scale))!
        }
        let divisor = PowersOfTen.int128[Int(difference)]
        let significand: Int128
        if let small = Int64(exactly: value), difference < 19 {
            let smallDivisor = Int64(divisor)
            guard small % smallDivisor == 0 else { throw .malformed("a value has digits its scale drops") }
            significand = Int128(small / smallDivisor)
        } else {
            guard value % divisor == 0 else { throw .malformed("a value has digits its scale drops") }
            significand = value / divisor
        }
        return ExactDecimal(significand: significand, scale: Int(scale - difference))!
    }
}
