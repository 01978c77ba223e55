import LookoutBybit
import LookoutZlib

/// Turns a ``CandleChunk`` into compact bytes and back, exactly: every price and volume
/// comes back with the same digits (and the same number of fractional digits) it had.
///
/// The value is a 28-byte header followed by the payload:
///
/// | bytes | field |
/// |---|---|
/// | 0–3 | magic `LKCC` |
/// | 4 | format version (``formatVersion``; version 1 values still decode) |
/// | 5 | codec: 0 stored, 1 zlib |
/// | 6 | flags: bit 0 = the last candle is open |
/// | 7 | interval (index in `KlineInterval.allCases`) |
/// | 8–15 | chunk start, ms, little-endian |
/// | 16–17 | candle count |
/// | 18–19 | chunk capacity in slots |
/// | 20–23 | raw (uncompressed) payload length |
/// | 24–27 | checksum of the payload as stored: two-lane word hash (version 2), FNV-1a-32 (version 1) |
///
/// The raw payload is column-major: the rows' slots (the first slot when they are
/// consecutive, else gap varints; start times follow from the chunk start), one shared
/// scale per column group (the four prices share one), then per column how each value's
/// own scale is recovered (all at the shared scale; all without trailing fractional zeros,
/// the exchange's own form; or one difference byte per row), then the columns as zigzag varints: open as a delta from the previous close,
/// high above `max(open, close)`, low below `min(open, close)`, close from open, volume
/// as is, and turnover as its difference from `volume × (open + high + low + close) / 4`
/// (traded value is volume times a price inside the candle). Neighbouring prices differ by a few ticks, so most values take one
/// or two bytes before zlib squeezes the rest.
///
/// Payloads are stored as is by default: the column encoding alone is 16–19 % of the JSON
/// and decodes 1,000 candles in about half the time zlib adds on top (inflating costs more
/// than reading the columns). ``Compression/zlib(_:)`` saves another 10–15 % of the bytes
/// for memory-bound Redis deployments; both decode whatever the current setting.
///
/// Decoding never trusts the bytes: anything unexpected is a ``ChunkDecodingFailure``.
/// Stateless and thread-safe.
public enum CandleChunkCodec {
    /// The format version written in every header. Version 2 only
    /// changed the checksum (FNV-1a byte by byte was a third of an uncompressed decode);
    /// version 1 values still decode, any other version is a miss.
    public static let formatVersion: UInt8 = 2
    /// The versions ``decode(_:start:interval:capacity:)`` reads.
    static let readableVersions: ClosedRange<UInt8> = 1...2
    /// The version in cache keys: the oldest format whose values this decoder still reads
    /// (format 2 kept format 1's payload layout), so an upgrade keeps the cache warm.
    static let keyVersion: UInt8 = 1
    /// The header's size in bytes.
    public static let headerSize = 28
    /// Payloads at least this long are compressed; shorter ones are stored as is.
    static let compressionThreshold = 64
    static let magic: [UInt8] = Array("LKCC".utf8)

    /// Why a chunk could not be encoded (it is then simply not cached).
    public enum EncodingFailure: Error, Sendable, Hashable {
        /// A row's start time is not on a slot of the chunk, or rows are not ascending.
        case rowOutsideChunk(startTime: Int64)
        /// A candle other than the last is open.
        case openCandleNotLast
        /// The interval has no fixed length (months) or the capacity is outside 1...65,535.
        case unsupportedShape
        /// A value does not fit the shared scale in 128 bits.
        case valueOutOfRange
        /// zlib failed.
        case compression(String)
    }

    /// How the payload is stored after the column encoding.
    public enum Compression: Sendable, Hashable {
        /// As is: the fastest to decode (no inflate), the default.
        case none
        /// zlib at `level` (payloads under 64 bytes are stored as is): about 15 % smaller,
        /// about twice as slow to decode.
        case zlib(CompressionLevel)
    }

    /// The bytes for `chunk`.
    public static func encode(_ chunk: CandleChunk, compression: Compression = .none) throws(EncodingFailure) -> [UInt8] {
        guard let length = chunk.interval.milliseconds, (1...Int(UInt16.max)).contains(chunk.capacity),
              chunk.rows.count <= chunk.capacity else { throw .unsupportedShape }
        let rows = chunk.rows
        for row in rows.dropLast() where !row.isClosed { throw .openCandleNotLast }
        var payload = ByteWriter(capacity: 16 + rows.count * 14)
        var slots: [Int64] = []
        slots.reserveCapacity(rows.count)
        var previousSlot: Int64 = -1
        for row in rows {
            let offset = row.startTime - chunk.start
            guard offset >= 0, offset % length == 0, offset / length < chunk.capacity, offset / length > previousSlot else {
                throw .rowOutsideChunk(startTime: row.startTime)
            }
            previousSlot = offset / length
            slots.append(previousSlot)
        }
        // Slots: 0 + first slot when the rows are consecutive (the usual case), else 1 + gaps.
        if let first = slots.first, slots.last! - first == Int64(slots.count - 1) {
            payload.byte(0)
            payload.varint(UInt128(first))
        } else {
            payload.byte(1)
            var previous: Int64 = -1
            for slot in slots {
                payload.varint(UInt128(slot - previous - 1))
                previous = slot
            }
        }
        let prices = ColumnScale(rows.flatMap { [$0.open.scale, $0.high.scale, $0.low.scale, $0.close.scale] })
        let volumes = ColumnScale(rows.map(\.volume.scale))
        let turnovers = ColumnScale(rows.map(\.turnover.scale))
        payload.byte(UInt8(prices.shared))
        payload.byte(UInt8(volumes.shared))
        payload.byte(UInt8(turnovers.shared))
        let columns: [(KeyPath<Kline, ExactDecimal>, Int)] = [(\.open, prices.shared), (\.high, prices.shared), (\.low, prices.shared),
                                                              (\.close, prices.shared), (\.volume, volumes.shared), (\.turnover, turnovers.shared)]
        for (path, shared) in columns {
            if rows.allSatisfy({ $0[keyPath: path].scale == shared }) {
                payload.byte(0)
            } else if rows.allSatisfy({ $0[keyPath: path].isTrimmed }) {
                // Every value is written without trailing fractional zeros (Bybit's form):
                // the scale follows from the value.
                payload.byte(2)
            } else {
                payload.byte(1)
                for row in rows { payload.byte(UInt8(shared - row[keyPath: path].scale)) }
            }
        }
        var opens: [Int128] = [], highs: [Int128] = [], lows: [Int128] = [], closes: [Int128] = []
        for row in rows {
            opens.append(try scaled(row.open, to: prices.shared))
            highs.append(try scaled(row.high, to: prices.shared))
            lows.append(try scaled(row.low, to: prices.shared))
            closes.append(try scaled(row.close, to: prices.shared))
        }
        // Wrapping arithmetic: the decoder undoes it exactly, whatever the values.
        var previousClose: Int128 = 0
        for index in rows.indices {
            payload.signed(opens[index] &- previousClose)
            previousClose = closes[index]
        }
        for index in rows.indices { payload.signed(highs[index] &- max(opens[index], closes[index])) }
        for index in rows.indices { payload.signed(min(opens[index], closes[index]) &- lows[index]) }
        for index in rows.indices { payload.signed(closes[index] &- opens[index]) }
        var volumeValues: [Int128] = []
        volumeValues.reserveCapacity(rows.count)
        for row in rows { volumeValues.append(try scaled(row.volume, to: volumes.shared)) }
        for volume in volumeValues { payload.signed(volume) }
        for index in rows.indices {
            let predicted = TurnoverPrediction.predict(
                volume: volumeValues[index], volumeScale: volumes.shared, priceSum: opens[index] &+ highs[index] &+ lows[index] &+ closes[index],
                priceScale: prices.shared, turnoverScale: turnovers.shared)
            payload.signed(try scaled(rows[index].turnover, to: turnovers.shared) &- predicted)
        }

        let raw = payload.bytes
        var codec: UInt8 = 0
        var stored = raw
        if case .zlib(let level) = compression, raw.count >= compressionThreshold {
            do {
                stored = try Zlib.compress(raw, format: .zlib, level: level)
                codec = 1
            } catch {
                throw .compression(error.description)
            }
        }
        var header = ByteWriter(capacity: headerSize + stored.count)
        header.bytes.append(contentsOf: magic)
        header.byte(formatVersion)
        header.byte(codec)
        header.byte(chunk.hasOpenCandle ? 1 : 0)
        header.byte(UInt8(KlineInterval.allCases.firstIndex(of: chunk.interval)!))
        header.littleEndian(chunk.start)
        header.littleEndian(UInt16(rows.count))
        header.littleEndian(UInt16(chunk.capacity))
        header.littleEndian(UInt32(raw.count))
        header.littleEndian(Checksum.words(stored))
        header.bytes.append(contentsOf: stored)
        return header.bytes
    }

    /// The chunk in `bytes`, checked against what the key says it must be.
    ///
    /// - Parameters:
    ///   - start: the chunk start the key stands for.
    ///   - interval: the interval the key stands for.
    ///   - capacity: the chunk size the key stands for.
    public static func decode(_ bytes: [UInt8], start: Int64, interval: KlineInterval, capacity: Int) throws(ChunkDecodingFailure) -> CandleChunk {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(ChunkDecodingFailure) in try decode(buffer, start: start, interval: interval, capacity: capacity) }
        }
        return try result.get()
    }

    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, start: Int64, interval: KlineInterval, capacity: Int) throws(ChunkDecodingFailure) -> CandleChunk {
        guard buffer.count >= 4, buffer[0] == magic[0], buffer[1] == magic[1], buffer[2] == magic[2], buffer[3] == magic[3] else {
            throw .foreign
        }
        guard buffer.count >= headerSize else { throw .truncated }
        let version = buffer[4]
        guard readableVersions.contains(version) else { throw .unsupportedVersion(version) }
        let codec = buffer[5]
        guard codec <= 1 else { throw .unsupportedCodec(codec) }
        let flags = buffer[6]
        let intervalIndex = Int(buffer[7])
        let raw = UnsafeRawBufferPointer(buffer)
        let storedStart = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int64.self))
        let count = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt16.self)))
        let storedCapacity = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 18, as: UInt16.self)))
        let rawLength = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 20, as: UInt32.self)))
        let checksum = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
        guard intervalIndex < KlineInterval.allCases.count, KlineInterval.allCases[intervalIndex] == interval,
              storedStart == start, storedCapacity == capacity, let length = interval.milliseconds else { throw .wrongChunk }
        guard count <= capacity, flags & ~1 == 0 else { throw .malformed("count \(count) or flags \(flags) out of range") }
        let stored = UnsafeBufferPointer(rebasing: buffer[headerSize...])
        guard (version == 1 ? Checksum.fnv1a(stored) : Checksum.words(stored)) == checksum else { throw .checksumMismatch }
        // A candle needs at least 7 payload bytes; anything far larger is not ours.
        guard rawLength <= 64 + count * 7 * 40 else { throw .malformed("raw length \(rawLength) is too large for \(count) candles") }
        if codec == 0 {
            guard stored.count == rawLength else { throw .truncated }
            return try ChunkPayloadDecoder.decode(stored, count: count, lastOpen: flags & 1 != 0, start: start, length: length,
                                                  interval: interval, capacity: capacity)
        }
        let inflated: [UInt8]
        do {
            // Inflated straight from the stored bytes, without copying them into an array first.
            var inflater = try Inflater(format: .zlib)
            inflated = try inflater.decompress(UnsafeRawBufferPointer(stored), maxOutputBytes: rawLength)
        } catch {
            throw .malformed(error.description)
        }
        guard inflated.count == rawLength else { throw .malformed("inflated \(inflated.count) bytes, header says \(rawLength)") }
        let result = inflated.withUnsafeBufferPointer { payload in
            Result { () throws(ChunkDecodingFailure) in
                try ChunkPayloadDecoder.decode(payload, count: count, lastOpen: flags & 1 != 0, start: start, length: length,
                                               interval: interval, capacity: capacity)
            }
        }
        return try result.get()
    }

    private static func scaled(_ value: ExactDecimal, to scale: Int) throws(EncodingFailure) -> Int128 {
        let (product, overflow) = value.significand.multipliedReportingOverflow(by: PowersOfTen.int128[scale - value.scale])
        guard !overflow else { throw .valueOutOfRange }
        return product
    }
}

/// A deterministic estimate of a candle's turnover from its volume and typical price, in
/// wrapping integer arithmetic so the decoder recomputes exactly what the encoder used.
enum TurnoverPrediction {
    @inline(__always)
    static func predict(volume: Int128, volumeScale: Int, priceSum: Int128, priceScale: Int, turnoverScale: Int) -> Int128 {
        let shift = volumeScale + priceScale - turnoverScale
        // Fast path in 64 bits when nothing can overflow; same result as the general one.
        if let smallVolume = Int64(exactly: volume), let smallSum = Int64(exactly: priceSum),
           case let (product, overflow) = smallVolume.multipliedReportingOverflow(by: smallSum), !overflow, shift >= 0, shift <= 18 {
            return Int128(PowersOfTen.divide(product / 4, byTenToThe: shift))
        }
        let product = (volume &* priceSum) / 4
        if shift >= 0 { return shift <= 38 ? product / PowersOfTen.int128[shift] : 0 }
        return -shift <= 38 ? product &* PowersOfTen.int128[-shift] : 0
    }
}

extension ExactDecimal {
    /// Whether the value has no trailing fractional zeros (`17055.5`, not `17055.50`).
    var isTrimmed: Bool { scale == 0 || significand % 10 != 0 }
}

/// The largest scale of a column (every value is expressed at it).
struct ColumnScale {
    let shared: Int
    init(_ scales: [Int]) { shared = scales.max() ?? 0 }
}

enum PowersOfTen {
    /// `value / 10^exponent` (truncating) for `exponent` in `0...18`, with a constant
    /// divisor per case so the compiler multiplies instead of issuing a hardware divide
    /// (a 64-bit `idiv` costs tens of cycles, once per candle on the decode path).
    @inline(__always)
    static func divide(_ value: Int64, byTenToThe exponent: Int) -> Int64 {
        switch exponent {
        case 0: return value
        case 1: return value / 10
        case 2: return value / 100
        case 3: return value / 1_000
        case 4: return value / 10_000
        case 5: return value / 100_000
        case 6: return value / 1_000_000
        case 7: return value / 10_000_000
        case 8: return value / 100_000_000
        case 9: return value / 1_000_000_000
        case 10: return value / 10_000_000_000
        case 11: return value / 100_000_000_000
        case 12: return value / 1_000_000_000_000
        case 13: return value / 10_000_000_000_000
        case 14: return value / 100_000_000_000_000
        case 15: return value / 1_000_000_000_000_000
        case 16: return value / 10_000_000_000_000_000
        case 17: return value / 100_000_000_000_000_000
        case 18: return value / 1_000_000_000_000_000_000
        default: return value / int64[exponent]
        }
    }

    static let int64: [Int64] = (0...18).map { exponent in
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
    static let int128: [Int128] = (0...38).map { exponent in
        var value: Int128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
