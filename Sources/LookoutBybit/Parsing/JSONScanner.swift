/// Why a body could not be read as the expected JSON; turned into
/// ``BybitError/Code/malformedResponse`` with the request context by the client.
struct ParseFailure: Error, Sendable, Hashable {
    /// What was wrong, including where (byte offset and JSON path where known).
    var message: String
}

/// A forward-only, allocation-free reader over JSON bytes for the few shapes Bybit sends.
///
/// It is not a general JSON parser: callers walk the structure they expect and skip the
/// rest with ``skipValue()``. Every failure names the byte offset and what was expected, and
/// running out of bytes is reported as a truncated body.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// Moves past `count` bytes the caller has already examined.
    @inline(__always)
    mutating func advance(_ count: Int = 1) {
        index += count
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, or `nil` at the end.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Consumes `byte` if it is next (after whitespace).
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Consumes `byte` or fails, naming `context` (for example "result.list").
    @inline(__always)
    mutating func expect(_ byte: UInt8, in context: @autoclosure () -> String) throws(ParseFailure) {
        guard consume(byte) else { throw failure(expected: "'\(Character(Unicode.Scalar(byte)))'", in: context()) }
    }

    /// After a member or element: `true` if a comma follows, `false` if `close` does.
    @inline(__always)
    mutating func commaOrEnd(_ close: UInt8, in context: @autoclosure () -> String) throws(ParseFailure) -> Bool {
        switch peek() {
        case UInt8(ascii: ","): index += 1; return true
        case close: index += 1; return false
        default: throw failure(expected: "',' or '\(Character(Unicode.Scalar(close)))'", in: context())
        }
    }

    /// Reads a string and returns the range of its raw bytes (escapes not decoded) and
    /// whether it contains escapes.
    @inline(__always)
    mutating func readRawString(in context: @autoclosure () -> String) throws(ParseFailure) -> (range: Range<Int>, escaped: Bool) {
        guard consume(UInt8(ascii: "\"")) else { throw failure(expected: "a string", in: context()) }
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start..<index - 1, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            } else if byte < 0x20 {
                throw failure(expected: "no control characters inside a string", in: context())
            }
            index += 1
        }
        throw truncated(in: context())
    }

    /// Reads a string, decoding escapes.
    mutating func readString(in context: @autoclosure () -> String) throws(ParseFailure) -> String {
        let (range, escaped) = try readRawString(in: context())
        let raw = UnsafeBufferPointer(rebasing: bytes[range])
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        return try Self.unescape(raw, at: range.lowerBound, in: context())
    }

    /// Whether the raw string at `range` equals `literal` byte for byte.
    @inline(__always)
    func matches(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    /// Reads an integer written either as a JSON number or as a string of digits (Bybit
    /// mixes both). Fractions and exponents are refused.
    mutating func readInteger(in context: @autoclosure () -> String) throws(ParseFailure) -> Int64 {
        if peek() == UInt8(ascii: "\"") {
            let (range, _) = try readRawString(in: context())
            guard let value = Self.integer(UnsafeBufferPointer(rebasing: bytes[range])) else {
                throw ParseFailure(message: "\(context()): \"\(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))\" at byte \(range.lowerBound) is not an integer")
            }
            return value
        }
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        guard index > start else { throw failure(expected: "an integer", in: context()) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") {
            throw failure(expected: "an integer (no fraction or exponent)", in: context())
        }
        guard let value = Self.integer(UnsafeBufferPointer(rebasing: bytes[start..<index])) else {
            throw failure(expected: "an integer that fits in 64 bits", in: context())
        }
        return value
    }

    /// Consumes `null` if it is next.
    mutating func consumeNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), index + 4 <= bytes.count,
              bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// Skips one value of any type, checking its syntax; nesting deeper than 64 is refused.
    mutating func skipValue(in context: @autoclosure () -> String) throws(ParseFailure) {
        var closers: [UInt8] = []
        repeat {
            guard let byte = peek() else { throw truncated(in: context()) }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard closers.count < 64 else { throw failure(expected: "nesting of at most 64 levels", in: context()) }
                index += 1
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if consume(close) { break }
                closers.append(close)
                if close == UInt8(ascii: "}") {
                    _ = try readRawString(in: context())
                    try expect(UInt8(ascii: ":"), in: context())
                }
                continue
            case UInt8(ascii: "\""):
                _ = try readRawString(in: context())
            default:
                try skipScalar(in: context())
            }
            // After a complete value: close finished containers, or move to the next member.
            while let close = closers.last {
                if try commaOrEnd(close, in: context()) {
                    if close == UInt8(ascii: "}") {
                        _ = try readRawString(in: context())
                        try expect(UInt8(ascii: ":"), in: context())
                    }
                    break
                }
                closers.removeLast()
            }
        } while !closers.isEmpty
    }

    private mutating func skipScalar(in context: @autoclosure () -> String) throws(ParseFailure) {
        let start = index
        while index < bytes.count, Self.isScalarByte(bytes[index]) { index += 1 }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
        let literals: [StaticString] = ["true", "false", "null"]
        if literals.contains(where: { token.elementsEqual(UnsafeBufferPointer(start: $0.utf8Start, count: $0.utf8CodeUnitCount)) })
            || Self.isNumber(token) {
            return
        }
        let endsInside = index >= bytes.count && literals.contains { literal in
            token.count < literal.utf8CodeUnitCount && token.elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: token.count))
        }
        if endsInside || (token.isEmpty && index >= bytes.count) { throw truncated(in: context()) }
        index = start
        throw failure(expected: "a JSON value", in: context())
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte &- 0x30 < 10 || byte == 0x2D || byte == 0x2B || byte == 0x2E || byte == 0x45
    }

    /// JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private static func isNumber(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < token.count, token[index] &- 0x30 < 10 { index += 1 }
            return index - start
        }
        if index < token.count, token[index] == 0x2D { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || token[integerStart] != 0x30 else { return false }
        if index < token.count, token[index] == 0x2E {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < token.count, token[index] | 0x20 == 0x65 {
            index += 1
            if index < token.count, token[index] == 0x2B || token[index] == 0x2D { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == token.count
    }

    func failure(expected: String, in context: String) -> ParseFailure {
        guard index < bytes.count else { return truncated(in: context) }
        let found = bytes[index]
        let shown = found >= 0x20 && found < 0x7F ? "'\(Character(Unicode.Scalar(found)))'" : "byte 0x\(String(found, radix: 16))"
        return ParseFailure(message: "\(context): expected \(expected) at byte \(index), found \(shown)")
    }

    func truncated(in context: String) -> ParseFailure {
        ParseFailure(message: "\(context): the body ends after \(bytes.count) bytes, in the middle of the JSON (truncated response?)")
    }

    static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !text.isEmpty, text.count <= 20 else { return nil }
        var index = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < text.count else { return nil }
        var value: Int64 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (added, o2) = shifted.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = added
            index += 1
        }
        return negative ? -value : value
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int, in context: String) throws(ParseFailure) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        func bad() -> ParseFailure { ParseFailure(message: "\(context): invalid escape in the string at byte \(offset + index)") }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var value: UInt32 = 0
            for byte in raw[at..<at + 4] {
                guard let digit = Int(String(Unicode.Scalar(byte)), radix: 16) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else { output.append(byte); index += 1; continue }
            guard index + 1 < raw.count else { throw bad() }
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(index) else { throw bad() }
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"),
                   raw[index + 1] == UInt8(ascii: "u"), let low = hex4(index + 2), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                output.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                throw bad()
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
