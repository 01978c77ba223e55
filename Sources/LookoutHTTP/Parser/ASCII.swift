/// Byte constants and character classes from RFC 9110 and RFC 9112 that the parser needs.
///
/// Everything here works on single bytes: HTTP/1.1 framing is defined over octets, and
/// classifying bytes before building any `String` keeps malformed input cheap to reject.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let hash: UInt8 = 0x23
    static let percent: UInt8 = 0x25
    static let ampersand: UInt8 = 0x26
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let question: UInt8 = 0x3F
    static let asterisk: UInt8 = 0x2A

    /// `tchar` (RFC 9110 §5.6.2): the characters allowed in methods and field names.
    @inline(__always)
    static func isTokenChar(_ byte: UInt8) -> Bool {
        // One bit per byte value below 128: DIGIT, ALPHA and ! # $ % & ' * + - . ^ _ ` | ~
        // (a test checks these masks against that list). A lookup, not a chain of
        // compares, because every header name of every request and response goes
        // through here.
        let mask: UInt64 = byte < 64 ? 0x03FF_6CFA_0000_0000 : 0x57FF_FFFF_C7FF_FFFE
        return byte < 128 && (mask >> UInt64(byte & 63)) & 1 == 1
    }

    /// `OWS` (optional whitespace): space or horizontal tab.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// A byte allowed in a field value: HTAB, SP, VCHAR or obs-text; never NUL, CR, LF or DEL.
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// Whether every byte of `bytes` passes ``isFieldValueByte(_:)``, eight at a time:
    /// a word with no byte below 0x20 and none equal to 0x7F passes whole; the first word
    /// that may hold one (a tab, say) and the rest are checked byte by byte.
    static func areFieldValueBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // Flags every byte below 0x20; may also flag bytes above a flagged one.
            let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
            let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
            let deletes = (delete &- 0x0101_0101_0101_0101) & ~delete & 0x8080_8080_8080_8080
            if control | deletes != 0 { break }
            offset += 8
        }
        for index in offset..<bytes.count where !isFieldValueByte(bytes[index]) { return false }
        return true
    }

    /// A byte allowed in a request target: visible US-ASCII (anything else must be percent-encoded).
    @inline(__always)
    static func isTargetByte(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E }

    /// The value of a hexadecimal digit, or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte &- 0x30)
        case 0x41...0x46: return Int(byte &- 0x41 &+ 10)
        case 0x61...0x66: return Int(byte &- 0x61 &+ 10)
        default: return nil
        }
    }

    /// ASCII lowercase of one byte.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether `bytes` equals `lowercaseLiteral` ignoring ASCII case; the literal must be lowercase.
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercaseLiteral: StaticString) -> Bool {
        guard bytes.count == lowercaseLiteral.utf8CodeUnitCount else { return false }
        let literal = lowercaseLiteral.utf8Start
        for index in 0..<bytes.count where lowercased(bytes[index]) != literal[index] {
            return false
        }
        return true
    }

    /// Whether two strings are equal ignoring ASCII case (header names are case-insensitive).
    @inline(__always)
    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        HTTPHeaders.namesMatch(lhs, rhs)
    }

    /// `bytes` without leading and trailing optional whitespace.
    @inline(__always)
    static func trimmingWhitespace(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = bytes.count
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// A `String` from bytes already checked to be ASCII.
    @inline(__always)
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Calls `body` with each non-empty, whitespace-trimmed element of a comma-separated list.
    static func forEachListElement(
        _ value: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        var start = 0
        while start <= value.count {
            var end = start
            while end < value.count, value[end] != ASCII.comma { end += 1 }
            let element = ASCII.trimmingWhitespace(UnsafeRawBufferPointer(rebasing: value[start..<end]))
            if !element.isEmpty { body(element) }
            start = end + 1
        }
    }
}
