import LookoutBybit

/// Reads a chunk's raw (decompressed) payload; see ``CandleChunkCodec`` for the layout.
///
/// Two passes: the first finds where each column starts (checking every varint ends
/// inside the payload), the second builds the rows reading the six columns side by side.
enum ChunkPayloadDecoder {
    /// How a column's values get their own scale back.
    enum ScaleMode {
        case shared
        case trimmed
        case differences(UnsafeBufferPointer<UInt8>)
    }

    static func decode(
        _ payload: UnsafeBufferPointer<UInt8>, count: Int, lastOpen: Bool, start: Int64, length: Int64,
        interval: KlineInterval, capacity: Int
    ) throws(ChunkDecodingFailure) -> CandleChunk {
        var reader = ByteReader(payload)
        var gapSlots: [Int64] = []
        var firstSlot: Int64 = 0
        switch reader.byte() {
        case 0:
            guard let first = reader.varint(), first < UInt128(capacity), Int(first) + count <= capacity else { throw .malformed("first slot") }
            firstSlot = Int64(first)
        case 1:
            gapSlots.reserveCapacity(count)
            var slot: Int64 = -1
            for index in 0..<count {
                guard let gap = reader.varint(), gap < UInt128(capacity) else { throw .malformed("slot gap of row \(index)") }
                slot += Int64(gap) + 1
                guard slot < capacity else { throw .malformed("row \(index) lies beyond the chunk") }
                gapSlots.append(slot)
            }
        default:
            throw .malformed("slot mode")
        }
        guard let priceScale = reader.byte(), let volumeScale = reader.byte(), let turnoverScale = reader.byte(),
              priceScale <= 38, volumeScale <= 38, turnoverScale <= 38 else { throw .malformed("column scales") }
        let sharedScales = [priceScale, priceScale, priceScale, priceScale, volumeScale, turnoverScale]
        var modes: [ScaleMode] = []
        for column in 0..<6 {
            switch reader.byte() {
            case 0: modes.append(.shared)
            case 2: modes.append(.trimmed)
            case 1:
                guard let differences = reader.bytes(count) else { throw .truncated }
                for difference in differences where difference > sharedScales[column] { throw .malformed("scale difference in column \(column)") }
                modes.append(.differences(differences))
            default: throw .malformed("scale mode of column \(column)")
            }
        }
        // Pass 1: where each column starts; every varint must end within 19 bytes.
        var columnReaders: [Int] = []
        for column in 0..<6 {
            columnReaders.append(reader.offset)
            var ended = 0
            var run = 0
            while ended < count {
                guard let byte = reader.byte() else { throw .malformed("column \(column) ends early") }
                run += 1
                if byte < 0x80 {
                    ended += 1
                    run = 0
                } else if run >= 19 {
                    throw .malformed("an over-long value in column \(column)")
                }
            }
        }
        guard reader.remaining == 0 else { throw .malformed("\(reader.remaining) bytes after the last column") }

        // Pass 2: the rows.
        var columns = (ByteReader(payload, offset: columnReaders[0]), ByteReader(payload, offset: columnReaders[1]),
                       ByteReader(payload, offset: columnReaders[2]), ByteReader(payload, offset: columnReaders[3]),
                       ByteReader(payload, offset: columnReaders[4]), ByteReader(payload, offset: columnReaders[5]))
        var rows: [Kline] = []
        rows.reserveCapacity(count)
        var previousClose: Int128 = 0
        for index in 0..<count {
            guard let openDelta = columns.0.signed(), let highDelta = columns.1.signed(), let lowDelta = columns.2.signed(),
                  let closeDelta = columns.3.signed(), let volume = columns.4.signed(), let turnoverDelta = columns.5.signed() else {
                throw .malformed("a value of row \(index) does not fit 128 bits")
            }
            let open = openDelta &+ previousClose
            let close = open &+ closeDelta
            let high = highDelta &+ max(open, close)
            let low = min(open, close) &- lowDelta
            previousClose = close
            let turnover = turnoverDelta &+ TurnoverPrediction.predict(
                volume: volume, volumeScale: Int(volumeScale), priceSum: open &+ high &+ low &+ close,
                priceScale: Int(priceScale), turnoverScale: Int(turnoverScale))
            let slot = gapSlots.isEmpty ? firstSlot + Int64(index) : gapSlots[index]
            rows.append(Kline(
                startTime: start + slot * length,
                open: try decimal(open, scale: priceScale, mode: modes[0], row: index),
                high: try decimal(high, scale: priceScale, mode: modes[1], row: index),
                low: try decimal(low, scale: priceScale, mode: modes[2], row: index),
                close: try decimal(close, scale: priceScale, mode: modes[3], row: index),
                volume: try decimal(volume, scale: volumeScale, mode: modes[4], row: index),
                turnover: try decimal(turnover, scale: turnoverScale, mode: modes[5], row: index),
                isClosed: !(lastOpen && index == count - 1)))
        }
        return CandleChunk(start: start, interval: interval, capacity: capacity, rows: rows)
    }

    /// `value × 10^-scale` with the value's own number of fractional digits.
    @inline(__always)
    private static func decimal(_ value: Int128, scale: UInt8, mode: ScaleMode, row: Int) throws(ChunkDecodingFailure) -> ExactDecimal {
        switch mode {
        case .shared:
            return ExactDecimal(significand: value, scale: Int(scale))!
        case .trimmed:
            if let small = Int64(exactly: value) {
                var significand = small
                var ownScale = Int(scale)
                while ownScale > 0, significand % 10 == 0 {
                    significand /= 10
                    ownScale -= 1
                }
                return ExactDecimal(significand: Int128(significand), scale: ownScale)!
            }
            var significand = value
            var ownScale = Int(scale)
            while ownScale > 0, significand % 10 == 0 {
                significand /= 10
                ownScale -= 1
            }
            return ExactDecimal(significand: significand, scale: ownScale)!
        case .differences(let differences):
            let difference = differences[row]
            guard difference > 0 else { return ExactDecimal(significand: value, scale: Int(scale))! }
            let significand: Int128
            if let small = Int64(exactly: value), difference < 19 {
                let divisor = PowersOfTen.int64[Int(difference)]
                guard small % divisor == 0 else { throw .malformed("a value has digits its scale drops") }
                significand = Int128(small / divisor)
            } else {
                let divisor = PowersOfTen.int128[Int(difference)]
                guard value % divisor == 0 else { throw .malformed("a value has digits its scale drops") }
                significand = value / divisor
            }
            return ExactDecimal(significand: significand, scale: Int(scale - difference))!
        }
    }
}
