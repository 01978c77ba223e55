/// Hashing and matching of label values against a series' rendered labels, without
/// allocating: the lookup path of every labelled family.
///
/// A series stores only its rendered labels (`a="x",b="y"`); a lookup hashes the raw
/// values and compares them to that rendering in place. Values without a byte that needs
/// escaping (the common case) compare with `memcmp`; others byte by byte with escaping.
@usableFromInline
enum LabelKey {
    /// Hashes `values` with `seed`; `plain` is false if any value holds `\`, `"` or a newline.
    @usableFromInline
    static func hash(_ values: UnsafeBufferPointer<String>, seed: UInt64) -> (hash: UInt64, plain: Bool) {
        var hash = seed
        var special: UInt64 = 0
        for value in values {
            var value = value
            value.withUTF8 { bytes in
                let raw = UnsafeRawBufferPointer(bytes)
                var offset = 0
                while offset + 8 <= raw.count {
                    let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    special |= specialBytes(word)
                    hash = mix(hash, word)
                    offset += 8
                }
                if offset < raw.count {
                    var word: UInt64 = 0
                    for index in offset..<raw.count {
                        word |= UInt64(raw[index]) << (8 * UInt64(index - offset))
                    }
                    special |= specialBytes(word)
                    hash = mix(hash, word)
                }
                // The length ends each value, so ("ab", "c") and ("a", "bc") differ.
                hash = mix(hash, UInt64(raw.count) | 0x8000_0000_0000_0000)
            }
        }
        return (hash, special == 0)
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

    /// Whether `rendered` is exactly `values` rendered with names of `nameLengths`.
    @usableFromInline
    static func matches(_ values: UnsafeBufferPointer<String>, plain: Bool, rendered: [UInt8], nameLengths: [Int]) -> Bool {
        rendered.withUnsafeBufferPointer { target in
            var position = 0
            for (index, value) in values.enumerated() {
                if index > 0 {
                    guard position < target.count, target[position] == UInt8(ascii: ",") else { return false }
                    position += 1
                }
                position += nameLengths[index] + 2 // name="
                var value = value
                let matched = value.withUTF8 { bytes -> Bool in
                    if plain {
                        guard position + bytes.count < target.count else { return false }
                        if bytes.count > 0, memcmp(target.baseAddress! + position, bytes.baseAddress!, bytes.count) != 0 { return false }
                        position += bytes.count
                    } else {
                        for byte in bytes {
                            let escaped: UInt8?
                            switch byte {
                            case TextEscaping.backslash: escaped = TextEscaping.backslash
                            case TextEscaping.quote: escaped = TextEscaping.quote
                            case TextEscaping.newline: escaped = UInt8(ascii: "n")
                            default: escaped = nil
                            }
                            if let escaped {
                                guard position + 1 < target.count, target[position] == TextEscaping.backslash,
                                      target[position + 1] == escaped else { return false }
                                position += 2
                            } else {
                                guard position < target.count, target[position] == byte else { return false }
                                position += 1
                            }
                        }
                    }
                    guard position < target.count, target[position] == TextEscaping.quote else { return false }
                    position += 1
                    return true
                }
                if !matched { return false }
            }
            return position == target.count
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
