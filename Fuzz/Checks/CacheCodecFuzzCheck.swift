@testable import LookoutBybit
@testable import LookoutCache

/// The candle cache's chunk codec, two ways (the first byte's low bit picks):
/// - a chunk built from the bytes must encode (or fail only with `valueOutOfRange`) and
///   decode to the same candles with the same digits, stored and zlib-compressed;
/// - a stored value made of the bytes (its checksum fixed up, so mutations reach the
///   payload decoder) must decode to a sound chunk or fail with a ``ChunkDecodingFailure``,
///   and what it decodes to must survive encode → decode unchanged.
enum CacheCodecFuzzCheck {
    static func check(_ data: [UInt8]) -> [String] {
        guard let first = data.first else { return [] }
        return first & 1 == 0 ? roundTrip(FuzzBytes(Array(data.dropFirst()))) : decodeStored(Array(data.dropFirst()))
    }

    /// The intervals a chunk can have (months have no fixed length).
    static let intervals = KlineInterval.allCases.filter { $0.milliseconds != nil }

    private static func roundTrip(_ input: FuzzBytes) -> [String] {
        var input = input
        let interval = intervals[Int(input.byte()) % intervals.count]
        let length = interval.milliseconds!
        let wide = input.byte()
        let capacity = wide & 0x80 == 0 ? Int(wide % 64) + 1 : Int(max(1, input.integer(UInt16.self)))
        let start = Int64(input.integer(UInt16.self)) * Int64(capacity) * length
        var rows: [Kline] = []
        var slot = -1
        while !input.isAtEnd, rows.count < 64 {
            slot += 1 + Int(input.byte() % 4)
            guard slot < capacity else { break }
            rows.append(Kline(startTime: start + Int64(slot) * length, open: decimal(&input), high: decimal(&input), low: decimal(&input),
                              close: decimal(&input), volume: decimal(&input), turnover: decimal(&input)))
        }
        if wide & 0x40 != 0, !rows.isEmpty { rows[rows.count - 1].isClosed = false }
        let chunk = CandleChunk(start: start, interval: interval, capacity: capacity, rows: rows)
        var problems: [String] = []
        for compression in [CandleChunkCodec.Compression.none, .zlib(.default)] {
            let bytes: [UInt8]
            do {
                bytes = try CandleChunkCodec.encode(chunk, compression: compression)
            } catch .valueOutOfRange {
                continue
            } catch {
                problems.append("a well-formed chunk did not encode (\(error)): \(chunk)")
                continue
            }
            do {
                let decoded = try CandleChunkCodec.decode(bytes, start: start, interval: interval, capacity: capacity)
                if let difference = difference(chunk, decoded) { problems.append("\(compression): \(difference)") }
            } catch {
                problems.append("\(compression): an encoded chunk did not decode (\(error)): \(chunk)")
            }
        }
        return problems
    }

    private static func decodeStored(_ data: [UInt8]) -> [String] {
        var bytes = data
        var interval = KlineInterval.oneMinute, start: Int64 = 0, capacity = 1
        if bytes.count >= CandleChunkCodec.headerSize {
            let checksum = Checksum.fnv1a(Array(bytes[CandleChunkCodec.headerSize...]))
            for index in 0..<4 { bytes[24 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * index)) }
            if Int(bytes[7]) < KlineInterval.allCases.count { interval = KlineInterval.allCases[Int(bytes[7])] }
            // The start comes from the cache key, so it is a real time: keep the header's
            // low 45 bits (up to year 3084) and write them back.
            start = (0..<8).reduce(Int64(0)) { $0 | Int64(bytes[8 + $1]) << (8 * $1) } & (1 << 45 - 1)
            for index in 0..<8 { bytes[8 + index] = UInt8(truncatingIfNeeded: start >> (8 * index)) }
            // The capacity comes from the configuration (1...65535): keep the header's, at least 1.
            capacity = max(1, Int(bytes[18]) | Int(bytes[19]) << 8)
            bytes[18] = UInt8(truncatingIfNeeded: capacity)
            bytes[19] = UInt8(truncatingIfNeeded: capacity >> 8)
        }
        let chunk: CandleChunk
        do {
            chunk = try CandleChunkCodec.decode(bytes, start: start, interval: interval, capacity: capacity)
        } catch {
            return []
        }
        var problems: [String] = []
        let length = interval.milliseconds ?? 0
        var previous: Int64?
        for row in chunk.rows {
            if row.startTime < chunk.start || row.startTime >= chunk.end || (row.startTime - chunk.start) % length != 0 {
                problems.append("decoded a candle at \(row.startTime) outside the slots of \(chunk.start)..<\(chunk.end)")
            }
            if let previous, row.startTime <= previous { problems.append("decoded candles not ascending at \(row.startTime)") }
            previous = row.startTime
        }
        if chunk.rows.dropLast().contains(where: { !$0.isClosed }) { problems.append("decoded an open candle before the last") }
        do {
            let again = try CandleChunkCodec.decode(CandleChunkCodec.encode(chunk), start: start, interval: interval, capacity: capacity)
            if let difference = difference(chunk, again) { problems.append("re-encoded: \(difference)") }
        } catch {
            problems.append("a decoded chunk does not survive encode → decode (\(error)): \(chunk)")
        }
        return problems
    }

    /// A decimal of 1 to 16 bytes of significand and a scale the size allows.
    private static func decimal(_ input: inout FuzzBytes) -> ExactDecimal {
        let kind = input.byte()
        let significand: Int128 = switch kind % 5 {
        case 0: Int128(Int8(truncatingIfNeeded: input.byte()))
        case 1: Int128(input.integer(Int16.self))
        case 2: Int128(input.integer(Int32.self))
        case 3: Int128(input.integer(Int64.self))
        default: Int128(input.integer(Int64.self)) << 64 | Int128(input.integer(UInt64.self))
        }
        return ExactDecimal(significand: significand, scale: Int(kind / 5) % (ExactDecimal.maxScale + 1))!
    }

    /// What differs between `expected` and `actual`, digits included; `nil` when nothing.
    static func difference(_ expected: CandleChunk, _ actual: CandleChunk) -> String? {
        func text(_ row: Kline) -> String {
            "\(row.startTime) \(row.open) \(row.high) \(row.low) \(row.close) \(row.volume) \(row.turnover) \(row.isClosed)"
        }
        guard expected.start == actual.start, expected.interval == actual.interval, expected.capacity == actual.capacity else {
            return "shape \(expected.start)/\(expected.interval)/\(expected.capacity) came back as \(actual.start)/\(actual.interval)/\(actual.capacity)"
        }
        guard expected.rows.map(text) == actual.rows.map(text) else {
            return "rows \(expected.rows.map(text)) came back as \(actual.rows.map(text))"
        }
        return nil
    }
}
