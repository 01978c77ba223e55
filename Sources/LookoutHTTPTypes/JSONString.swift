/// The one JSON string encoder of the package (RFC 8259 §7), used by the server's
/// problem and health bodies, the simulator, the CLI and the catalog's writers.
///
/// `"` and `\` are escaped; the control characters with a two-character escape are
/// written as `\b`, `\f`, `\n`, `\r` and `\t`; the other C0 controls as `\u00xx`
/// (lowercase hex); everything else is copied as UTF-8. With `escapingDelete`, DEL
/// (U+007F) is written as `\u007f` too, which keeps terminal output free of control bytes.
///
/// ```swift
/// JSONString.quoted("a \"b\"\n")   // "\"a \\\"b\\\"\\n\""
/// ```
///
/// Stateless and thread-safe.
public enum JSONString {
    /// Appends `text` as a quoted JSON string to `bytes`.
    public static func append(_ text: String, to bytes: inout [UInt8], escapingDelete: Bool = false) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if let escape = shortEscape(byte) {
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(escape)
            } else if byte < 0x20 || (escapingDelete && byte == 0x7F) {
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hexDigit(byte >> 4), hexDigit(byte & 0xF)])
            } else {
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `text` as a quoted JSON string.
    public static func quoted(_ text: String, escapingDelete: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        append(text, to: &bytes, escapingDelete: escapingDelete)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The character after the backslash for bytes with a two-character escape.
    @inline(__always)
    private static func shortEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        default: nil
        }
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// The one JSON integer encoder of the package: decimal digits straight into a byte
/// buffer, without an intermediate `String`. Stateless and thread-safe.
public enum JSONNumber {
    /// Appends `value` in decimal (`-42`) to `bytes`.
    ///
    /// Inlinable so callers get it specialized for their integer type: unspecialized, every
    /// digit went through protocol witnesses (a third of the simulator's kline rendering).
    @inlinable
    public static func append(_ value: some BinaryInteger, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        guard magnitude != 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        let start = bytes.count
        while magnitude != 0 {
            let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder))
            magnitude = quotient
        }
        bytes[start...].reverse()
    }
}
