/// A small strict JSON parser for assertions on response bodies (tests only).
enum JSON: Hashable, CustomStringConvertible {
    case object([(key: String, value: JSON)])
    case array([JSON])
    case string(String)
    /// Numbers keep their source text, so `17071` and `17071.0` stay distinguishable.
    case number(String)
    case bool(Bool)
    case null

    struct ParseError: Error, CustomStringConvertible {
        var offset: Int
        var message: String
        var description: String { "JSON parse error at byte \(offset): \(message)" }
    }

    static func parse(_ bytes: [UInt8]) throws(ParseError) -> JSON {
        var parser = Parser(bytes: bytes)
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw ParseError(offset: parser.offset, message: "trailing bytes") }
        return value
    }

    static func parse(_ text: String) throws(ParseError) -> JSON { try parse(Array(text.utf8)) }

    static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    func hash(into hasher: inout Hasher) { hasher.combine(description) }

    subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    subscript(index: Int) -> JSON? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    var keys: [String] { if case .object(let members) = self { members.map(\.key) } else { [] } }
    var array: [JSON]? { if case .array(let items) = self { items } else { nil } }
    var string: String? { if case .string(let text) = self { text } else { nil } }
    var integer: Int64? { if case .number(let text) = self { Int64(text) } else { nil } }

    /// The value's shape: key names and value kinds, recursively (arrays by their first element).
    var shape: String {
        switch self {
        case .object(let members): "{" + members.map { "\($0.key):\($0.value.shape)" }.joined(separator: ",") + "}"
        case .array(let items): "[" + (items.first?.shape ?? "") + "]"
        case .string: "s"
        case .number: "n"
        case .bool: "b"
        case .null: "null"
        }
    }

    /// Like ``shape`` but ignoring key order in objects.
    var unorderedShape: String {
        switch self {
        case .object(let members): "{" + members.map { "\($0.key):\($0.value.unorderedShape)" }.sorted().joined(separator: ",") + "}"
        case .array(let items): "[" + (items.first?.unorderedShape ?? "") + "]"
        default: shape
        }
    }

    var description: String {
        switch self {
        case .object(let members): "{" + members.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        case .array(let items): "[" + items.map(\.description).joined(separator: ",") + "]"
        case .string(let text): "\"\(text)\""
        case .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var offset = 0

        mutating func skipWhitespace() {
            while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
        }

        mutating func value() throws(ParseError) -> JSON {
            skipWhitespace()
            guard offset < bytes.count else { throw ParseError(offset: offset, message: "unexpected end") }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return try number()
            }
        }

        mutating func literal(_ word: String) throws(ParseError) {
            let expected = Array(word.utf8)
            guard offset + expected.count <= bytes.count, Array(bytes[offset..<offset + expected.count]) == expected else {
                throw ParseError(offset: offset, message: "expected \(word)")
            }
            offset += expected.count
        }

        mutating func expect(_ byte: UInt8) throws(ParseError) {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == byte else {
                throw ParseError(offset: offset, message: "expected '\(Character(Unicode.Scalar(byte)))'")
            }
            offset += 1
        }

        mutating func peek(_ byte: UInt8) -> Bool {
            skipWhitespace()
            return offset < bytes.count && bytes[offset] == byte
        }

        mutating func object() throws(ParseError) -> JSON {
            try expect(UInt8(ascii: "{"))
            var members: [(key: String, value: JSON)] = []
            if peek(UInt8(ascii: "}")) { offset += 1; return .object(members) }
            repeat {
                skipWhitespace()
                let key = try string()
                try expect(UInt8(ascii: ":"))
                members.append((key, try value()))
            } while try comma(or: UInt8(ascii: "}"))
            return .object(members)
        }

        mutating func array() throws(ParseError) -> JSON {
            try expect(UInt8(ascii: "["))
            var items: [JSON] = []
            if peek(UInt8(ascii: "]")) { offset += 1; return .array(items) }
            repeat { items.append(try value()) } while try comma(or: UInt8(ascii: "]"))
            return .array(items)
        }

        /// After a member: `true` for a comma, `false` for the closing byte.
        mutating func comma(or closing: UInt8) throws(ParseError) -> Bool {
            skipWhitespace()
            guard offset < bytes.count else { throw ParseError(offset: offset, message: "unexpected end") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; return true }
            try expect(closing)
            return false
        }

        mutating func string() throws(ParseError) -> String {
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw ParseError(offset: offset, message: "expected string") }
            offset += 1
            var output: [UInt8] = []
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: output, as: UTF8.self) }
                if byte == UInt8(ascii: "\\") {
                    guard offset < bytes.count else { break }
                    let escaped = bytes[offset]
                    offset += 1
                    switch escaped {
                    case UInt8(ascii: "n"): output.append(0x0A)
                    case UInt8(ascii: "t"): output.append(0x09)
                    case UInt8(ascii: "u"):
                        guard offset + 4 <= bytes.count, let scalar = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16),
                              let unicode = Unicode.Scalar(scalar) else { throw ParseError(offset: offset, message: "bad \\u escape") }
                        output.append(contentsOf: Array(String(Character(unicode)).utf8))
                        offset += 4
                    default: output.append(escaped)
                    }
                } else {
                    guard byte >= 0x20 else { throw ParseError(offset: offset - 1, message: "control character in string") }
                    output.append(byte)
                }
            }
            throw ParseError(offset: offset, message: "unterminated string")
        }

        mutating func number() throws(ParseError) -> JSON {
            let start = offset
            while offset < bytes.count, "-+.eE0123456789".utf8.contains(bytes[offset]) { offset += 1 }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            guard !text.isEmpty, Double(text) != nil else { throw ParseError(offset: start, message: "bad number '\(text)'") }
            return .number(text)
        }
    }
}
