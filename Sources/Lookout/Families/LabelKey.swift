/// Hashing and matching of label values against a series' rendered labels, without
/// allocating or retaining: the lookup path of every labelled family.
///
/// A series stores only its rendered labels (`a="x",b="y"`); a lookup hashes the raw
/// values and compares them with that rendering in place.
///
/// Values are read eight bytes at a time. Strings of up to 15 UTF-8 bytes, which most
/// label values are, keep their bytes inside the `String` value itself (Swift's
/// small-string form, part of its stable 64-bit ABI): those are read straight from the
/// two words of the value. Longer strings are read through their UTF-8 storage. Both
/// paths produce the same words, zero-padded, so the hash depends only on the bytes.
@usableFromInline
enum LabelKey {
    /// Bytes of padding, past their count, that rendered labels always have in their
    /// capacity, so word-sized loads at any position of a value stay in bounds.
    static let padding = 8

    /// Hashes `values` with `seed`; `plain` is false if any value holds `\`, `"` or a
    /// newline (then matching must account for escapes).
    ///
    /// Every value's bytes are read once, two words per multiply, whatever its length;
    /// the value's length rides in its first multiply rather than costing one of its own.
    @usableFromInline
    static func hash(_ values: UnsafeBufferPointer<String>, seed: UInt64) -> (hash: UInt64, plain: Bool) {
        var hash = seed
        var special: UInt64 = 0
        for index in values.indices {
            let raw = UnsafeRawPointer(values.baseAddress! + index)
            let word0 = raw.load(as: UInt64.self)
            let word1 = raw.load(fromByteOffset: 8, as: UInt64.self)
            if let count = smallCount(word1) {
                let high = count > 8 ? word1 & 0x00FF_FFFF_FFFF_FFFF : 0
                special |= specialBytes(word0) | specialBytes(high)
                // The same words a large string of these bytes feeds in: one pair, zero-padded.
                hash = mix(hash ^ word0, high ^ pairKey ^ lengthTag(count))
            } else if let bytes = contiguousLarge(word0, word1) {
                hashBytes(bytes, hash: &hash, special: &special)
            } else {
                withBytes(values[index]) { hashBytes($0, hash: &hash, special: &special) }
            }
        }
        return (hash, special == 0)
    }

    /// Feeds `bytes` into `hash` as 8-byte little-endian words, zero-padded, two words
    /// per multiply, the length mixed into the first pair.
    ///
    /// A value's last partial words are read with loads that end at its last byte
    /// (overlapping the words before, shifted into place), never past it, and without a
    /// byte-by-byte copy.
    @inline(__always)
    static func hashBytes(_ bytes: UnsafeRawBufferPointer, hash: inout UInt64, special: inout UInt64) {
        let count = bytes.count
        var low: UInt64
        var high: UInt64
        if count >= 16 {
            low = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            high = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        } else {
            low = word(bytes, at: 0)
            high = count > 8 ? word(bytes, at: 8) : 0
        }
        special |= specialBytes(low) | specialBytes(high)
        hash = mix(hash ^ low, high ^ pairKey ^ lengthTag(count))
        guard count > 16 else { return }
        var offset = 16
        while offset + 16 <= count {
            low = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            high = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            special |= specialBytes(low) | specialBytes(high)
            hash = mix(hash ^ low, high ^ pairKey)
            offset += 16
        }
        let remaining = count - offset // 0..<16; count > 16, so loads ending at the last byte stay in bounds
        guard remaining > 0 else { return }
        let last = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        if remaining > 8 {
            low = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            high = last &>> UInt64(8 * (16 - remaining))
        } else {
            low = last &>> UInt64(8 * (8 - remaining))
            high = 0
        }
        special |= specialBytes(low) | specialBytes(high)
        hash = mix(hash ^ low, high ^ pairKey)
    }

    /// The (up to) eight bytes of `bytes` from `offset`, zero-padded.
    @inline(__always)
    static func word(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        if offset + 8 <= bytes.count { return bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        if bytes.count >= 8 {
            // The load ending at the last byte, shifted so the wanted bytes come first.
            return bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self) &>> UInt64(8 * (offset + 8 - bytes.count))
        }
        var word: UInt64 = 0
        withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
        return UInt64(littleEndian: word)
    }

    /// A value's length, spread over the word it is mixed into.
    @inline(__always)
    private static func lengthTag(_ count: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The UTF-8 bytes of a large string whose bytes are contiguous and reachable from its
    /// two words (native storage or a literal), or nil for any other form.
    ///
    /// Swift's stable 64-bit string ABI: the first word holds the byte count (low 48
    /// bits) and flags, bit 60 meaning "tail-allocated" (the bytes follow the storage
    /// header); the second word holds the object address in its low 60 bits, bit 61
    /// marking small strings and bit 60 foreign (bridged) ones. Tail-allocated bytes
    /// start 32 bytes past that address, for native storage and literals alike. Reading
    /// this directly saves a call through `String.UTF8View` per long label value.
    @inline(__always)
    static func contiguousLarge(_ word0: UInt64, _ word1: UInt64) -> UnsafeRawBufferPointer? {
        #if _pointerBitWidth(_64)
        guard word1 & (3 << 60) == 0, word0 & (1 << 60) != 0,
              let start = UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: (word1 & 0x0FFF_FFFF_FFFF_FFFF) &+ 32)) else { return nil }
        return UnsafeRawBufferPointer(start: start, count: Int(truncatingIfNeeded: word0 & 0x0000_FFFF_FFFF_FFFF))
        #else
        return nil
        #endif
    }

    /// The byte count of a small string given its second word, or nil for other forms.
    @inline(__always)
    static func smallCount(_ word1: UInt64) -> Int? {
        word1 & (1 << 61) != 0 ? Int(truncatingIfNeeded: (word1 >> 56) & 0xF) : nil
    }

    /// Calls `body` with the UTF-8 bytes of a string that is not small.
    @inline(__always)
    static func withBytes<R>(_ value: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = value.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        return Array(value.utf8).withUnsafeBytes(body)
    }

    /// Mixed into the second word of each pair, so a pair's words are not interchangeable.
    private static let pairKey: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ 0xA076_1D64_78BD_642F).multipliedFullWidth(by: word ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// Non-zero if `word` holds a backslash, a double quote or a newline byte.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        zeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C) | zeroByte(word ^ 0x2222_2222_2222_2222) | zeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A)
    }

    @inline(__always)
    private static func zeroByte(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}
