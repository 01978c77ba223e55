/// Strict readers for the fields of the market endpoints beyond klines, shared by their
/// parsers. Each names the JSON path of what it rejects.
///
/// The rules follow the facts Bybit documents for these endpoints: prices, sizes, rates
/// and times inside `result` are JSON **strings**; a field that does not apply is `""`.
/// A number, boolean or object where a string is specified is refused (never read as
/// "absent"), and so is a string that is not a decimal.
enum MarketFields {
    /// A JSON string, escapes decoded; anything else fails.
    static func string(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String) throws(ParseFailure) -> String {
        guard scanner.peek() == UInt8(ascii: "\"") else { throw wrongType(&scanner, path(), expected: "a string") }
        return try scanner.readString(in: path())
    }

    /// A decimal string; `""` is `nil` (the field does not apply).
    static func optionalDecimal(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String) throws(ParseFailure) -> ExactDecimal? {
        let text = try string(&scanner, path())
        if text.isEmpty { return nil }
        guard let value = ExactDecimal(text) else { throw ParseFailure(message: "\(path()): \"\(text)\" is not a decimal number") }
        return value
    }

    /// A decimal string that must be present and not empty.
    static func decimal(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String) throws(ParseFailure) -> ExactDecimal {
        guard let value = try optionalDecimal(&scanner, path()) else { throw ParseFailure(message: "\(path()) is empty; a decimal number is required") }
        return value
    }

    /// A decimal string that must be zero or more.
    static func nonNegativeDecimal(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String) throws(ParseFailure) -> ExactDecimal {
        let value = try decimal(&scanner, path())
        guard value >= .zero else { throw ParseFailure(message: "\(path()): \(value) is negative") }
        return value
    }

    /// A decimal string that must be more than zero (a price).
    static func positiveDecimal(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String) throws(ParseFailure) -> ExactDecimal {
        let value = try decimal(&scanner, path())
        guard value > .zero else { throw ParseFailure(message: "\(path()): \(value) is not a positive price") }
        return value
    }

    /// A time in milliseconds written as a string of digits, 2000-01-01 or later; 10-digit
    /// values (seconds) are refused with a hint unless `acceptSeconds`, which converts them.
    static func milliseconds(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String, acceptSeconds: Bool = false) throws(ParseFailure) -> Int64 {
        let text = try string(&scanner, path())
        guard let value = Int64(text), value >= 0 else { throw ParseFailure(message: "\(path()): \"\(text)\" is not a time in milliseconds") }
        if value < 100_000_000_000, value >= 946_684_800 {
            guard acceptSeconds else { throw ParseFailure(message: "\(path()): \(value) looks like seconds, not milliseconds") }
            return value * 1000
        }
        guard value >= 946_684_800_000 else { throw ParseFailure(message: "\(path()): \(value) is before 2000-01-01; not a time in milliseconds") }
        return value
    }

    /// A time in milliseconds where `""` or `"0"` means none.
    static func optionalMilliseconds(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String) throws(ParseFailure) -> Int64? {
        let text = try string(&scanner, path())
        if text.isEmpty || text == "0" { return nil }
        guard let value = Int64(text), value >= 946_684_800_000 else { throw ParseFailure(message: "\(path()): \"\(text)\" is not a time in milliseconds") }
        return value
    }

    /// A JSON integer number (digits in a string are accepted too, as the scanner does).
    static func integer(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String) throws(ParseFailure) -> Int64 {
        guard let first = scanner.peek(), first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") < 10 || first == UInt8(ascii: "\"") else {
            throw wrongType(&scanner, path(), expected: "an integer")
        }
        return try scanner.readInteger(in: path())
    }

    /// `true` or `false`.
    static func bool(_ scanner: inout JSONScanner, _ path: @autoclosure () -> String) throws(ParseFailure) -> Bool {
        for (literal, value) in [("true", true), ("false", false)] where scanner.peek() == literal.utf8.first {
            let bytes = Array(literal.utf8)
            guard scanner.index + bytes.count <= scanner.bytes.count,
                  (0..<bytes.count).allSatisfy({ scanner.bytes[scanner.index + $0] == bytes[$0] }) else { break }
            scanner.advance(bytes.count)
            return value
        }
        throw wrongType(&scanner, path(), expected: "true or false")
    }

    /// Reads an array, calling `element` for each item with its index.
    static func array(_ scanner: inout JSONScanner, _ path: String, _ element: (inout JSONScanner, Int) throws(ParseFailure) -> Void) throws(ParseFailure) {
        guard scanner.peek() == UInt8(ascii: "[") else { throw wrongType(&scanner, path, expected: "an array") }
        try scanner.expect(UInt8(ascii: "["), in: path)
        if scanner.consume(UInt8(ascii: "]")) { return }
        var index = 0
        repeat {
            try element(&scanner, index)
            index += 1
        } while try scanner.commaOrEnd(UInt8(ascii: "]"), in: path)
    }

    /// Reads an object, calling `member` with each key; `path` names it in errors.
    static func object(_ scanner: inout JSONScanner, _ path: String, _ member: (inout JSONScanner, Range<Int>) throws(ParseFailure) -> Void) throws(ParseFailure) {
        guard scanner.peek() == UInt8(ascii: "{") else { throw wrongType(&scanner, path, expected: "an object") }
        try InstrumentsParser.forEachMember(of: &scanner, in: path, member)
    }

    /// Reads a `result` object shaped `{"category":…,"list":[…]}` (keys in any order, other
    /// members skipped): the category into `category`, each list item, read by `element`
    /// with its path, appended to `list`; `sawList` says whether the list was there.
    static func categoryAndList<Element>(
        _ scanner: inout JSONScanner, category: inout BybitCategory?, sawList: inout Bool, list: inout [Element],
        _ element: (inout JSONScanner, String) throws(ParseFailure) -> Element
    ) throws(ParseFailure) {
        try object(&scanner, "result") { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
            if scanner.matches(key, "category") {
                category = try Self.category(&scanner, "result.category")
            } else if scanner.matches(key, "list") {
                sawList = true
                try array(&scanner, "result.list") { (scanner: inout JSONScanner, index: Int) throws(ParseFailure) in
                    list.append(try element(&scanner, "result.list[\(index)]"))
                }
            } else {
                try scanner.skipValue(in: "result")
            }
        }
    }

    /// The key as text, for messages and ``BybitTicker/otherFields``.
    static func key(_ scanner: JSONScanner, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[range]), as: UTF8.self)
    }

    /// `nextPageCursor`: a string; `""` (the last page) and `null` become `nil`.
    static func cursor(_ scanner: inout JSONScanner, _ path: String) throws(ParseFailure) -> String? {
        if scanner.consumeNull() { return nil }
        let text = try string(&scanner, path)
        return text.isEmpty ? nil : text
    }

    /// The category field of a result, which must be one of Bybit's.
    static func category(_ scanner: inout JSONScanner, _ path: String) throws(ParseFailure) -> BybitCategory {
        let text = try string(&scanner, path)
        guard let category = BybitCategory(rawValue: text) else { throw ParseFailure(message: "\(path): \"\(text)\" is not a Bybit category") }
        return category
    }

    private static func wrongType(_ scanner: inout JSONScanner, _ path: String, expected: String) -> ParseFailure {
        guard let byte = scanner.peek() else { return scanner.truncated(in: path) }
        let found: String
        switch byte {
        case UInt8(ascii: "\""): found = "a string"
        case UInt8(ascii: "{"): found = "an object"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): found = "a boolean"
        case UInt8(ascii: "n"): found = "null"
        default: found = "a number"
        }
        return ParseFailure(message: "\(path): expected \(expected), found \(found) at byte \(scanner.index)")
    }
}
