/// The `result` of `/v5/market/instruments-info`.
struct InstrumentsResult {
    var instruments: [BybitInstrument] = []
    /// `nil` or empty on the last page (spot never has one).
    var nextPageCursor: String?
}

/// Parses instruments-info and server-time responses with the same scanner as klines.
enum InstrumentsParser {
    static func parse(_ body: UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<InstrumentsResult> {
        try EnvelopeParser.parse(body) { (scanner: inout JSONScanner) throws(ParseFailure) -> InstrumentsResult in
            var result = InstrumentsResult()
            var hasList = false
            try forEachMember(of: &scanner, in: "result") { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
                if scanner.matches(key, "list") {
                    hasList = true
                    try scanner.expect(UInt8(ascii: "["), in: "result.list")
                    if scanner.consume(UInt8(ascii: "]")) { return }
                    repeat {
                        result.instruments.append(try parseInstrument(&scanner, index: result.instruments.count))
                    } while try scanner.commaOrEnd(UInt8(ascii: "]"), in: "result.list")
                } else if scanner.matches(key, "nextPageCursor") {
                    result.nextPageCursor = scanner.consumeNull() ? nil : try scanner.readString(in: "result.nextPageCursor")
                } else {
                    try scanner.skipValue(in: "result")
                }
            }
            // `result: {}` is what error answers carry; with retCode 0 it is not an empty universe.
            guard hasList else { throw ParseFailure(message: "result.list is missing; an instruments-info answer always lists its instruments") }
            return result
        }
    }

    private static func parseInstrument(_ scanner: inout JSONScanner, index: Int) throws(ParseFailure) -> BybitInstrument {
        let context = "result.list[\(index)]"
        var item = BybitInstrument(symbol: "", status: "", baseCoin: "", quoteCoin: "")
        try forEachMember(of: &scanner, in: context) { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
            func path(_ name: String) -> String { "\(context).\(name)" }
            if scanner.matches(key, "symbol") { item.symbol = try text(&scanner, path("symbol")) ?? "" }
            else if scanner.matches(key, "status") { item.status = try text(&scanner, path("status")) ?? "" }
            else if scanner.matches(key, "baseCoin") { item.baseCoin = try text(&scanner, path("baseCoin")) ?? "" }
            else if scanner.matches(key, "quoteCoin") { item.quoteCoin = try text(&scanner, path("quoteCoin")) ?? "" }
            else if scanner.matches(key, "settleCoin") { item.settleCoin = try text(&scanner, path("settleCoin")) }
            else if scanner.matches(key, "contractType") { item.contractType = try text(&scanner, path("contractType")) }
            else if scanner.matches(key, "launchTime") { item.launchTime = try milliseconds(&scanner, path("launchTime")) }
            else if scanner.matches(key, "deliveryTime") { item.deliveryTime = try milliseconds(&scanner, path("deliveryTime")) }
            else if scanner.matches(key, "priceFilter") {
                try forEachMember(of: &scanner, in: path("priceFilter")) { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
                    if scanner.matches(key, "tickSize") {
                        item.tickSize = try decimal(&scanner, path("priceFilter.tickSize"))
                    } else {
                        try scanner.skipValue(in: path("priceFilter"))
                    }
                }
            } else if scanner.matches(key, "lotSizeFilter") {
                try forEachMember(of: &scanner, in: path("lotSizeFilter")) { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
                    if scanner.matches(key, "qtyStep") || scanner.matches(key, "basePrecision") {
                        item.quantityStep = try decimal(&scanner, path("lotSizeFilter.qtyStep")) ?? item.quantityStep
                    } else if scanner.matches(key, "minOrderQty") {
                        item.minOrderQuantity = try decimal(&scanner, path("lotSizeFilter.minOrderQty"))
                    } else if scanner.matches(key, "maxOrderQty") {
                        item.maxOrderQuantity = try decimal(&scanner, path("lotSizeFilter.maxOrderQty"))
                    } else {
                        try scanner.skipValue(in: path("lotSizeFilter"))
                    }
                }
            } else {
                try scanner.skipValue(in: context)
            }
        }
        guard !item.symbol.isEmpty else { throw ParseFailure(message: "\(context) has no symbol") }
        return item
    }

    /// A string field; `nil` for `null` or `""`. Every field read here is documented as a
    /// string (`launchTime`, `tickSize` included) and Bybit is not known to send another
    /// spelling, so a number, boolean or object fails naming the field, never reads as absent.
    private static func text(_ scanner: inout JSONScanner, _ path: String) throws(ParseFailure) -> String? {
        if scanner.consumeNull() { return nil }
        let value = try MarketFields.string(&scanner, path)
        return value.isEmpty ? nil : value
    }

    private static func decimal(_ scanner: inout JSONScanner, _ path: String) throws(ParseFailure) -> ExactDecimal? {
        guard let value = try text(&scanner, path) else { return nil }
        guard let decimal = ExactDecimal(value) else { throw ParseFailure(message: "\(path): \"\(value)\" is not a decimal number") }
        return decimal
    }

    /// A time in ms as a string; "0" (Bybit's "none") becomes `nil`.
    private static func milliseconds(_ scanner: inout JSONScanner, _ path: String) throws(ParseFailure) -> Int64? {
        guard let value = try text(&scanner, path) else { return nil }
        guard let number = Int64(value) else { throw ParseFailure(message: "\(path): \"\(value)\" is not a time in milliseconds") }
        return number == 0 ? nil : number
    }

    /// Parses the server-time result `{"timeSecond":"…","timeNano":"…"}`.
    static func parseServerTime(_ body: UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<(seconds: Int64?, nanoseconds: Int64?)> {
        try EnvelopeParser.parse(body) { (scanner: inout JSONScanner) throws(ParseFailure) -> (seconds: Int64?, nanoseconds: Int64?) in
            var seconds: Int64?
            var nanoseconds: Int64?
            try forEachMember(of: &scanner, in: "result") { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
                if scanner.matches(key, "timeSecond") { seconds = try scanner.readInteger(in: "result.timeSecond") }
                else if scanner.matches(key, "timeNano") { nanoseconds = try scanner.readInteger(in: "result.timeNano") }
                else { try scanner.skipValue(in: "result") }
            }
            return (seconds, nanoseconds)
        }
    }

    /// Calls `body` with each key of the object at the scanner, positioned at its value.
    static func forEachMember(
        of scanner: inout JSONScanner, in context: String,
        _ body: (inout JSONScanner, Range<Int>) throws(ParseFailure) -> Void
    ) throws(ParseFailure) {
        try scanner.expect(UInt8(ascii: "{"), in: context)
        if scanner.consume(UInt8(ascii: "}")) { return }
        repeat {
            let (key, _) = try scanner.readRawString(in: "\(context) key")
            try scanner.expect(UInt8(ascii: ":"), in: context)
            try body(&scanner, key)
        } while try scanner.commaOrEnd(UInt8(ascii: "}"), in: context)
    }
}
