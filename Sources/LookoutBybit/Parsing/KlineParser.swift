/// The `result` of a kline endpoint: names and rows as received.
struct KlineResult<Row> {
    var symbol: String?
    var category: String?
    /// Rows in the order received (Bybit: newest first); `nil` when `list` is absent.
    var rows: [Row]?
}

/// A row type the kline parser can fill directly from the JSON bytes.
protocol ParsableKlineRow: KlineRow {
    /// Fields in one row of the exchange's list (7 for trade klines, 5 for price klines).
    static var fieldCount: Int { get }
    /// How many leading fields a row must have; extra trailing fields are ignored.
    static func parse(_ scanner: inout JSONScanner, row: Int) throws(ParseFailure) -> Self
    /// How a range fetch holds a page's rows until every page is in and they are merged:
    /// compactly where a compact form exists (``CompactKlines``: 64 bytes a candle, not 224).
    associatedtype HeldRows: RandomAccessCollection<Self>, Sendable
    /// `rows` in their held form.
    static func hold(_ rows: [Self]) -> HeldRows
}

/// A hand-written parser for kline responses: one pass over the bytes, prices and volumes
/// parsed straight from the string bytes into ``ExactDecimal``, no intermediate strings or
/// dictionaries. Rows may be strings (as Bybit sends) or bare JSON numbers.
enum KlineParser {
    static func parse<Row: ParsableKlineRow>(_ body: UnsafeBufferPointer<UInt8>, as _: Row.Type) throws(ParseFailure) -> BybitEnvelope<KlineResult<Row>> {
        try EnvelopeParser.parse(body) { (scanner: inout JSONScanner) throws(ParseFailure) -> KlineResult<Row> in
            var result = KlineResult<Row>()
            try scanner.expect(UInt8(ascii: "{"), in: "result")
            if scanner.consume(UInt8(ascii: "}")) { return result }
            repeat {
                let (key, _) = try scanner.readRawString(in: "result key")
                try scanner.expect(UInt8(ascii: ":"), in: "result")
                if scanner.matches(key, "list") {
                    result.rows = try parseRows(&scanner, as: Row.self)
                } else if scanner.matches(key, "symbol") {
                    result.symbol = try scanner.readString(in: "result.symbol")
                } else if scanner.matches(key, "category") {
                    result.category = try scanner.readString(in: "result.category")
                } else {
                    try scanner.skipValue(in: "result")
                }
            } while try scanner.commaOrEnd(UInt8(ascii: "}"), in: "result")
            return result
        }
    }

    private static func parseRows<Row: ParsableKlineRow>(_ scanner: inout JSONScanner, as _: Row.Type) throws(ParseFailure) -> [Row] {
        try scanner.expect(UInt8(ascii: "["), in: "result.list")
        var rows: [Row] = []
        if scanner.consume(UInt8(ascii: "]")) { return rows }
        rows.reserveCapacity(1000)
        repeat {
            let row = rows.count
            try scanner.expect(UInt8(ascii: "["), in: "result.list[\(row)]")
            rows.append(try Row.parse(&scanner, row: row))
            if scanner.consume(UInt8(ascii: ",")) {
                throw ParseFailure(message: "result.list[\(row)] has more than \(Row.fieldCount) fields; a \(Row.self) row has exactly \(Row.fieldCount)")
            }
            try scanner.expect(UInt8(ascii: "]"), in: "result.list[\(row)] (expected exactly \(Row.fieldCount) fields)")
        } while try scanner.commaOrEnd(UInt8(ascii: "]"), in: "result.list")
        return rows
    }
}

extension JSONScanner {
    /// Reads field `field` of row `row` as raw text (string contents or a bare number).
    @inline(__always)
    mutating func readRowField(row: Int, field: Int) throws(ParseFailure) -> UnsafeBufferPointer<UInt8> {
        if field > 0 { try expect(UInt8(ascii: ","), in: "result.list[\(row)] (expected \(field + 1) fields)") }
        if peek() == UInt8(ascii: "\"") {
            let (range, escaped) = try readRawString(in: "result.list[\(row)][\(field)]")
            if escaped { throw ParseFailure(message: "result.list[\(row)][\(field)] contains an escape sequence; expected a plain number") }
            return UnsafeBufferPointer(rebasing: bytes[range])
        }
        skipWhitespace()
        let start = index
        while index < bytes.count, index - start <= 64 {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
                || byte == UInt8(ascii: "+") || byte &- UInt8(ascii: "0") < 10 else { break }
            advance()
        }
        guard index > start else { throw failure(expected: "a string or number", in: "result.list[\(row)][\(field)]") }
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    @inline(__always)
    mutating func readRowDecimal(row: Int, field: Int, allowsNegative: Bool = true) throws(ParseFailure) -> ExactDecimal {
        let text = try readRowField(row: row, field: field)
        if !allowsNegative, text.first == UInt8(ascii: "-") {
            throw ParseFailure(message: "result.list[\(row)][\(field)]: \"\(String(decoding: text, as: UTF8.self))\" is negative; prices, volumes and turnovers of trade candles never are")
        }
        guard let value = ExactDecimal(utf8: text) else {
            throw ParseFailure(message: "result.list[\(row)][\(field)]: \"\(String(decoding: text, as: UTF8.self))\" is not a decimal number")
        }
        return value
    }

    @inline(__always)
    mutating func readRowTime(row: Int) throws(ParseFailure) -> Int64 {
        let text = try readRowField(row: row, field: 0)
        // Bounded above too: candle ends and calendar months are computed from start times,
        // and a value near Int64.max from a broken or hostile upstream would overflow them.
        guard let value = Self.integer(text), value >= 0, value <= BybitTimestamp.latestMilliseconds else {
            throw ParseFailure(message: "result.list[\(row)][0]: \"\(String(decoding: text, as: UTF8.self))\" is not a start time in milliseconds")
        }
        return value
    }
}

extension Kline: ParsableKlineRow {
    static var fieldCount: Int { 7 }

    static func hold(_ rows: [Kline]) -> CompactKlines { CompactKlines(rows) }

    /// Trade prices, volumes and turnovers are never negative.
    @inline(__always)
    static func parse(_ scanner: inout JSONScanner, row: Int) throws(ParseFailure) -> Kline {
        Kline(startTime: try scanner.readRowTime(row: row),
              open: try scanner.readRowDecimal(row: row, field: 1, allowsNegative: false),
              high: try scanner.readRowDecimal(row: row, field: 2, allowsNegative: false),
              low: try scanner.readRowDecimal(row: row, field: 3, allowsNegative: false),
              close: try scanner.readRowDecimal(row: row, field: 4, allowsNegative: false),
              volume: try scanner.readRowDecimal(row: row, field: 5, allowsNegative: false),
              turnover: try scanner.readRowDecimal(row: row, field: 6, allowsNegative: false))
    }
}

extension PriceKline: ParsableKlineRow {
    /// Premium-index prices can be negative, so price rows accept a sign.
    static var fieldCount: Int { 5 }

    /// Price candles are rare in long ranges; they are held as parsed.
    static func hold(_ rows: [PriceKline]) -> [PriceKline] { rows }

    @inline(__always)
    static func parse(_ scanner: inout JSONScanner, row: Int) throws(ParseFailure) -> PriceKline {
        PriceKline(startTime: try scanner.readRowTime(row: row),
                   open: try scanner.readRowDecimal(row: row, field: 1),
                   high: try scanner.readRowDecimal(row: row, field: 2),
                   low: try scanner.readRowDecimal(row: row, field: 3),
                   close: try scanner.readRowDecimal(row: row, field: 4))
    }
}
