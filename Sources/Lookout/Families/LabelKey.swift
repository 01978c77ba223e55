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
    @usableFromInline
    static func hash(_ values: UnsafeBufferPointer<String>, seed: UInt64) -> (hash: UInt64, plain: Bool) {
        var hash = seed
        var special: UInt64 = 0
        for index in values.indices {
            let raw = UnsafeRawPointer(values.baseAddress! + index)
            let word1 = raw.load(fromByteOffset: 8, as: UInt64.self)
            if let count = smallCount(word1) {
                let word0 = raw.load(as: UInt64.self)
                if count > 0 { special |= specialBytes(word0); hash = mix(hash, word0) }
                if count > 8 {
                    let high = word1 & 0x00FF_FFFF_FFFF_FFFF
                    special |= specialBytes(high)
                    hash = mix(hash, high)
                }
                hash = mix(hash, UInt64(count) | 0x8000_0000_0000_0000)
            } else {
                withBytes(values[index]) { bytes in
                    forEachWord(bytes) { word in
                        special |= specialBytes(word)
                        hash = mix(hash, word)
                    }
                    hash = mix(hash, UInt64(bytes.count) | 0x8000_0000_0000_0000)
                }
            }
        }
        return (hash, special == 0)
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

    /// Calls `body` with each 8-byte little-endian word of `bytes`, the last zero-padded.
    @inline(__always)
    static func forEachWord(_ bytes: UnsafeRawBufferPointer, _ body: (UInt64) -> Void) {
        var offset = 0
        while offset + 8 <= bytes.count {
            body(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < bytes.count {
            var word: UInt64 = 0
            withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
            body(UInt64(littleEndian: word))
        }
    }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let product = (hash ^ 0xA076_1D64_78BD_642F).multipliedFullWidth(by: word ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// Non-zero if `word` holds a backslash, a double quote or a newline byte.
    @inline(__always)
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        zeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C) | zeroByte(word ^ 0x2222_2222_2222_2222) | zeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A)
    }

    @inline(__always)
    private static func zeroByte(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}
