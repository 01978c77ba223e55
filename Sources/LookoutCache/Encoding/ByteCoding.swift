/// Appends little-endian integers and LEB128 varints to a byte array, for the chunk
/// encoder. Values are zigzag-mapped so small negative deltas stay short.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func littleEndian<T: FixedWidthInteger>(_ value: T) {
        var value = value.littleEndian
        withUnsafeBytes(of: &value) { bytes.append(contentsOf: $0) }
    }

    /// An unsigned LEB128 varint: 7 bits per byte, high bit set on all but the last.
    mutating func varint(_ value: UInt128) {
        if value <= UInt128(UInt64.max) {
            var small = UInt64(value)
            while small >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: small) | 0x80)
                small >>= 7
            }
            bytes.append(UInt8(small))
            return
        }
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// A signed value as a zigzag varint (0, -1, 1, -2… → 0, 1, 2, 3…).
    mutating func signed(_ value: Int128) {
        varint(UInt128(bitPattern: (value << 1) ^ (value >> 127)))
    }
}

/// Reads what ``ByteWriter`` wrote, never past the end: every read returns `nil` on
/// truncated or over-long input instead of trapping.
struct ByteReader {
    let base: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(_ base: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    var remaining: Int { base.count - offset }

    mutating func byte() -> UInt8? {
        guard offset < base.count else { return nil }
        defer { offset += 1 }
        return base[offset]
    }

    /// `count` bytes as a slice of the input, or `nil` if fewer remain.
    mutating func bytes(_ count: Int) -> UnsafeBufferPointer<UInt8>? {
        guard count >= 0, count <= remaining else { return nil }
        defer { offset += count }
        return UnsafeBufferPointer(rebasing: base[offset..<offset + count])
    }

    /// An unsigned LEB128 varint of at most 19 bytes (128 bits).
    mutating func varint() -> UInt128? {
        var small: UInt64 = 0
        var shift: UInt64 = 0
        // Up to 9 bytes (63 bits) accumulate in a UInt64, the common case.
        while shift < 63 {
            guard offset < base.count else { return nil }
            let byte = base[offset]
            offset += 1
            small |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return UInt128(small) }
            shift += 7
        }
        var value = UInt128(small)
        var wide: UInt128 = 63
        while wide < 128 {
            guard offset < base.count else { return nil }
            let byte = base[offset]
            offset += 1
            let bits = UInt128(byte & 0x7F)
            // The last group may only hold the bits that still fit.
            if wide > 121, bits >> (128 - wide) != 0 { return nil }
            value |= bits << wide
            if byte < 0x80 { return value }
            wide += 7
        }
        return nil
    }

    /// A zigzag-mapped signed varint. Inlined: the decoder reads six per candle.
    @inline(__always)
    mutating func signed() -> Int128? {
        // Fast path: up to 9 bytes (63 bits) decoded in 64-bit registers, the usual case.
        let start = offset
        var small: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 63, offset < base.count {
            let byte = base[offset]
            offset += 1
            small |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int128(Int64(bitPattern: small >> 1) ^ -Int64(bitPattern: small & 1)) }
            shift += 7
        }
        offset = start
        return wideSigned()
    }

    /// ``signed()`` for values over 63 bits, kept out of line so the common path stays small.
    @inline(never)
    mutating func wideSigned() -> Int128? {
        guard let raw = varint() else { return nil }
        return Int128(bitPattern: raw >> 1) ^ -Int128(bitPattern: raw & 1)
    }
}

/// The checksums a stored payload is checked against before anything else reads it: they
/// catch truncation and flipped bytes. Not cryptographic hashes.
enum Checksum {
    /// FNV-1a over 32 bits, byte by byte: format version 1. One multiply per byte in a
    /// dependent chain, about a third of the decode time of an uncompressed chunk.
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return hash
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { fnv1a($0) }
    }

    /// Format version 2: eight bytes per step in two independent 32-bit lanes (the low
    /// and the high half of each little-endian word; the last partial word zero-padded).
    ///
    /// Each step, `lane = mix((lane ^ input) × odd)` with `mix(x) = x ^ (x >> 16)`, is a
    /// bijection of the lane for a fixed input and of the input for a fixed lane, and the
    /// result is the first lane xor the rotated second: changing any one 4-byte group of
    /// the input (every single-byte flip) always changes the checksum, as FNV-1a's does.
    /// The length seeds both lanes, so a cut that happens to hash alike is still caught.
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let seed = UInt32(truncatingIfNeeded: bytes.count) &* 0x9E37_79B1
        var low: UInt32 = 0x811C_9DC5 ^ seed
        var high: UInt32 = 0x2545_F491 ^ seed
        @inline(__always) func step(_ lane: inout UInt32, _ input: UInt32) {
            lane = (lane ^ input) &* 0x9E37_79B1
            lane ^= lane >> 16
        }
        guard let base = bytes.baseAddress else { return low ^ ((high << 7) | (high >> 25)) }
        let raw = UnsafeRawPointer(base)
        let wholeWords = bytes.count / 8
        for index in 0..<wholeWords {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            step(&low, UInt32(truncatingIfNeeded: word))
            step(&high, UInt32(truncatingIfNeeded: word >> 32))
        }
        if bytes.count > wholeWords * 8 {
            // The last 1...7 bytes as one zero-padded word (the length seed tells them apart).
            var tail: UInt64 = 0
            for offset in (wholeWords * 8)..<bytes.count {
                tail |= UInt64(base[offset]) << (8 * UInt64(offset - wholeWords * 8))
            }
            step(&low, UInt32(truncatingIfNeeded: tail))
            step(&high, UInt32(truncatingIfNeeded: tail >> 32))
        }
        return low ^ ((high << 7) | (high >> 25))
    }

    static func words(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { words($0) }
    }
}
