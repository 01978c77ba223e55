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
        let columnReaders: [Int]
        if let fast = columnStartsQuickly(payload, from: reader.offset, count: count) {
            columnReaders = fast.starts
            reader.offset = fast.end
        } else {
            columnReaders = try columnStartsCarefully(&reader, count: count)
        }
        guard reader.remaining == 0 else { throw .malformed("\(reader.remaining) bytes after the last column") }

        // Pass 2: the rows.
        var columns = (ByteReader(payload, offset: columnReaders[0]), ByteReader(payload, offset: columnReaders[1]),
                       ByteReader(payload, offset: columnReaders[2]), ByteReader(payload, offset: columnReaders[3]),
                       ByteReader(payload, offset: columnReaders[4]), ByteReader(payload, offset: columnReaders[5]))
        // The rows are built in place in uninitialized storage: a `Kline` is over 200 bytes,
        // and appending would build each one aside and copy it in.
        var failure: ChunkDecodingFailure?
        let rows = [Kline](unsafeUninitializedCapacity: count) { storage, initialized in
            var previousClose: Int128 = 0
            let shared = gapSlots.isEmpty
            let (openMode, highMode, lowMode, closeMode, volumeMode, turnoverMode) = (modes[0], modes[1], modes[2], modes[3], modes[4], modes[5])
            for index in 0..<count {
                do throws(ChunkDecodingFailure) {
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
                    let slot = shared ? firstSlot + Int64(index) : gapSlots[index]
                    (storage.baseAddress! + index).initialize(to: Kline(
                        startTime: start + slot * length,
                        open: try decimal(open, scale: priceScale, mode: openMode, row: index),
                        high: try decimal(high, scale: priceScale, mode: highMode, row: index),
                        low: try decimal(low, scale: priceScale, mode: lowMode, row: index),
                        close: try decimal(close, scale: priceScale, mode: closeMode, row: index),
                        volume: try decimal(volume, scale: volumeScale, mode: volumeMode, row: index),
                        turnover: try decimal(turnover, scale: turnoverScale, mode: turnoverMode, row: index),
                        isClosed: !(lastOpen && index == count - 1)))
                    initialized = index + 1
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        return CandleChunk(start: start, interval: interval, capacity: capacity, rows: rows)
    }

    /// Pass 1 byte by byte: the start of each column, checking every varint ends in time.
    static func columnStartsCarefully(_ reader: inout ByteReader, count: Int) throws(ChunkDecodingFailure) -> [Int] {
        var starts: [Int] = []
        for column in 0..<6 {
            starts.append(reader.offset)
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
        return starts
    }

    /// Pass 1 eight bytes at a time: counts the varints ending in a word (bytes without
    /// the high bit) instead of branching on every byte. Returns `nil` whenever the careful
    /// pass must decide: a word with no varint end (the only way a run of 19 continuation
    /// bytes can occur, since a word with an end bounds every run to 14 bytes) or a payload
    /// that ends early. When it answers, the careful pass would have given the same starts.
    static func columnStartsQuickly(_ payload: UnsafeBufferPointer<UInt8>, from first: Int, count: Int) -> (starts: [Int], end: Int)? {
        guard let base = payload.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let end = payload.count
        var offset = first
        var starts: [Int] = []
        starts.reserveCapacity(6)
        for _ in 0..<6 {
            starts.append(offset)
            var ended = 0
            while ended < count {
                if offset + 8 <= end {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    let ends = (~word & 0x8080_8080_8080_8080).nonzeroBitCount
                    if ends == 0 { return nil }
                    if ended + ends < count {
                        ended += ends
                        offset += 8
                        continue
                    }
                }
                // The column's last values: byte by byte, at most one word's worth.
                guard offset < end else { return nil }
                if base[offset] < 0x80 { ended += 1 }
                offset += 1
            }
        }
        return (starts, offset)
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
