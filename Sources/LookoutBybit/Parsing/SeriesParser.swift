/// The `result` shared by Bybit's time-series statistics endpoints (funding history, open
/// interest, account ratio): an optional `category` and `symbol`, a `list` of rows sent
/// newest first, and an optional `nextPageCursor`.
struct SeriesResult<Row> {
    var category: BybitCategory?
    var symbol: String?
    var rows: [Row] = []
    var nextPageCursor: String?
    var sawList = false
}

/// Reads a ``SeriesResult`` in any key order, delegating each row to `row`, and checks
/// the rows are strictly newest first.
enum SeriesParser {
    static func parse<Row>(
        _ body: UnsafeBufferPointer<UInt8>, timestamp: (Row) -> Int64,
        row: (inout JSONScanner, String) throws(ParseFailure) -> Row
    ) throws(ParseFailure) -> BybitEnvelope<SeriesResult<Row>> {
        try EnvelopeParser.parse(body) { (scanner: inout JSONScanner) throws(ParseFailure) -> SeriesResult<Row> in
            var result = SeriesResult<Row>()
            try MarketFields.object(&scanner, "result") { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
                if scanner.matches(key, "category") {
                    result.category = try MarketFields.category(&scanner, "result.category")
                } else if scanner.matches(key, "symbol") {
                    result.symbol = try MarketFields.string(&scanner, "result.symbol")
                } else if scanner.matches(key, "nextPageCursor") {
                    result.nextPageCursor = try MarketFields.cursor(&scanner, "result.nextPageCursor")
                } else if scanner.matches(key, "list") {
                    result.sawList = true
                    try MarketFields.array(&scanner, "result.list") { (scanner: inout JSONScanner, index: Int) throws(ParseFailure) in
                        let parsed = try row(&scanner, "result.list[\(index)]")
                        if let previous = result.rows.last, timestamp(parsed) >= timestamp(previous) {
                            throw ParseFailure(message: "result.list[\(index)]: time \(timestamp(parsed)) is not before the previous row's \(timestamp(previous)); rows must be newest first without repeats")
                        }
                        result.rows.append(parsed)
                    }
                } else {
                    try scanner.skipValue(in: "result")
                }
            }
            return result
        }
    }
}

/// Row readers of the three statistics endpoints.
enum StatisticsRows {
    /// `{"symbol","fundingRate","fundingRateTimestamp"}`.
    static func funding(_ scanner: inout JSONScanner, _ context: String) throws(ParseFailure) -> BybitFundingRate {
        var symbol: String?, rate: ExactDecimal?, time: Int64?
        try MarketFields.object(&scanner, context) { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
            let path = "\(context).\(MarketFields.key(scanner, key))"
            if scanner.matches(key, "symbol") { symbol = try MarketFields.string(&scanner, path) }
            else if scanner.matches(key, "fundingRate") { rate = try MarketFields.decimal(&scanner, path) }
            else if scanner.matches(key, "fundingRateTimestamp") { time = try MarketFields.milliseconds(&scanner, path) }
            else { try scanner.skipValue(in: path) }
        }
        guard let symbol, !symbol.isEmpty else { throw ParseFailure(message: "\(context) has no symbol") }
        guard let rate else { throw ParseFailure(message: "\(context) has no fundingRate") }
        guard let time else { throw ParseFailure(message: "\(context) has no fundingRateTimestamp") }
        return BybitFundingRate(symbol: symbol, fundingRate: rate, timestamp: time)
    }

    /// `{"openInterest","singleOpenInterest"?,"timestamp"}`. A 10-digit `timestamp` (seconds,
    /// seen once in third-party fixtures, unverified) is converted to milliseconds.
    static func openInterest(_ scanner: inout JSONScanner, _ context: String) throws(ParseFailure) -> BybitOpenInterest {
        var value: ExactDecimal?, single: ExactDecimal?, time: Int64?
        try MarketFields.object(&scanner, context) { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
            let path = "\(context).\(MarketFields.key(scanner, key))"
            if scanner.matches(key, "openInterest") { value = try MarketFields.nonNegativeDecimal(&scanner, path) }
            else if scanner.matches(key, "singleOpenInterest") {
                single = try MarketFields.optionalDecimal(&scanner, path)
                if let single, single < .zero { throw ParseFailure(message: "\(path): \(single) is negative") }
            }
            else if scanner.matches(key, "timestamp") { time = try MarketFields.milliseconds(&scanner, path, acceptSeconds: true) }
            else { try scanner.skipValue(in: path) }
        }
        guard let value else { throw ParseFailure(message: "\(context) has no openInterest") }
        guard let time else { throw ParseFailure(message: "\(context) has no timestamp") }
        return BybitOpenInterest(openInterest: value, singleOpenInterest: single, timestamp: time)
    }

    /// `{"symbol","buyRatio","sellRatio","timestamp"}`; ratios must lie in 0...1.
    static func accountRatio(_ scanner: inout JSONScanner, _ context: String) throws(ParseFailure) -> BybitAccountRatio {
        var symbol: String?, buy: ExactDecimal?, sell: ExactDecimal?, time: Int64?
        try MarketFields.object(&scanner, context) { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
            let path = "\(context).\(MarketFields.key(scanner, key))"
            if scanner.matches(key, "symbol") { symbol = try MarketFields.string(&scanner, path) }
            else if scanner.matches(key, "buyRatio") { buy = try ratio(&scanner, path) }
            else if scanner.matches(key, "sellRatio") { sell = try ratio(&scanner, path) }
            else if scanner.matches(key, "timestamp") { time = try MarketFields.milliseconds(&scanner, path) }
            else { try scanner.skipValue(in: path) }
        }
        guard let symbol, !symbol.isEmpty else { throw ParseFailure(message: "\(context) has no symbol") }
        guard let buy, let sell else { throw ParseFailure(message: "\(context) needs both buyRatio and sellRatio") }
        guard let time else { throw ParseFailure(message: "\(context) has no timestamp") }
        return BybitAccountRatio(symbol: symbol, buyRatio: buy, sellRatio: sell, timestamp: time)
    }

    private static func ratio(_ scanner: inout JSONScanner, _ path: String) throws(ParseFailure) -> ExactDecimal {
        let value = try MarketFields.nonNegativeDecimal(&scanner, path)
        guard value <= ExactDecimal(1) else { throw ParseFailure(message: "\(path): \(value) is more than 1; ratios are shares of accounts") }
        return value
    }
}
