extension LabelKey {
    /// Whether `rendered` is exactly `values` rendered with names of `nameLengths`.
    ///
    /// `rendered` must have ``padding`` bytes of capacity past its count (see
    /// ``render(names:values:)``): plain values are compared a word at a time, and a
    /// word may extend past the value.
    @usableFromInline
    static func matches(_ values: UnsafeBufferPointer<String>, plain: Bool, rendered: [UInt8], nameLengths: [Int]) -> Bool {
        rendered.withUnsafeBufferPointer { target in
            guard let start = target.baseAddress else { return values.isEmpty }
            let base = UnsafeRawPointer(start)
            let count = target.count
            var position = 0
            for index in values.indices {
                if index > 0 {
                    guard position < count, target[position] == UInt8(ascii: ",") else { return false }
                    position += 1
                }
                position += nameLengths[index] + 2 // name="
                let raw = UnsafeRawPointer(values.baseAddress! + index)
                let word1 = raw.load(fromByteOffset: 8, as: UInt64.self)
                let matched: Bool
                if plain, let length = smallCount(word1) {
                    guard position + length < count else { return false }
                    let low = raw.load(as: UInt64.self)
                    matched = equalWords(base + position, low, length: min(length, 8))
                        && (length <= 8 || equalWords(base + position + 8, word1 & 0x00FF_FFFF_FFFF_FFFF, length: length - 8))
                    position += length
                } else if plain, let bytes = contiguousLarge(raw.load(as: UInt64.self), word1) {
                    matched = matchPlain(bytes, base: base, count: count, position: &position)
                } else {
                    matched = withBytes(values[index]) { bytes in
                        plain ? matchPlain(bytes, base: base, count: count, position: &position)
                              : matchEscaped(bytes, target: target, position: &position)
                    }
                }
                guard matched, position < count, target[position] == TextEscaping.quote else { return false }
                position += 1
            }
            return position == count
        }
    }

    /// Whether the `length` (1...8) bytes at `pointer` equal the low bytes of `word`.
    @inline(__always)
    private static func equalWords(_ pointer: UnsafeRawPointer, _ word: UInt64, length: Int) -> Bool {
        let loaded = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
        let mask: UInt64 = length >= 8 ? ~0 : (1 << UInt64(length * 8)) - 1
        return (loaded ^ word) & mask == 0
    }

    /// Whether `bytes` appear at `position` of the rendered labels (which are padded, so
    /// word loads past a value stay in bounds); advances `position` past them.
    @inline(__always)
    private static func matchPlain(_ bytes: UnsafeRawBufferPointer, base: UnsafeRawPointer, count: Int, position: inout Int) -> Bool {
        let length = bytes.count
        guard position + length < count else { return false }
        let target = base + position
        position += length
        guard length >= 8 else {
            return length == 0 || equalWords(target, word(bytes, at: 0), length: length)
        }
        // Whole words, then the last eight bytes (overlapping the previous word).
        var difference: UInt64 = 0
        var offset = 0
        while offset + 8 < length {
            difference |= bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ target.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        difference |= bytes.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) ^ target.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        return difference == 0
    }

    private static func matchEscaped(_ bytes: UnsafeRawBufferPointer, target: UnsafeBufferPointer<UInt8>, position: inout Int) -> Bool {
        for byte in bytes {
            let escaped: UInt8?
            switch byte {
            case TextEscaping.backslash: escaped = TextEscaping.backslash
            case TextEscaping.quote: escaped = TextEscaping.quote
            case TextEscaping.newline: escaped = UInt8(ascii: "n")
            default: escaped = nil
            }
            if let escaped {
                guard position + 1 < target.count, target[position] == TextEscaping.backslash, target[position + 1] == escaped else { return false }
                position += 2
            } else {
                guard position < target.count, target[position] == byte else { return false }
                position += 1
            }
        }
        return true
    }
}
