/// The `result` of `/v5/market/recent-trade`, newest first as sent.
struct RecentTradesResult {
    var category: BybitCategory?
    var trades: [BybitTrade] = []
    var sawList = false
}

/// Parses `/v5/market/recent-trade` bodies. `isBlockTrade` and `isRPITrade` are JSON
/// booleans; everything else is a string.
enum RecentTradesParser {
    static func parse(_ body: UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<RecentTradesResult> {
        try EnvelopeParser.parse(body) { (scanner: inout JSONScanner) throws(ParseFailure) -> RecentTradesResult in
            var result = RecentTradesResult()
            try MarketFields.categoryAndList(&scanner, category: &result.category, sawList: &result.sawList, list: &result.trades) {
                (scanner: inout JSONScanner, path: String) throws(ParseFailure) in try trade(&scanner, path)
            }
            return result
        }
    }

    private static func trade(_ scanner: inout JSONScanner, _ context: String) throws(ParseFailure) -> BybitTrade {
        var executionID: String?, symbol: String?, price: ExactDecimal?, size: ExactDecimal?, side: BybitTradeSide?, time: Int64?
        var isBlockTrade = false, isRPITrade: Bool?, sequence: String?
        var markPrice: ExactDecimal?, indexPrice: ExactDecimal?, markIV: ExactDecimal?, iv: ExactDecimal?
        try MarketFields.object(&scanner, context) { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
            let path = "\(context).\(MarketFields.key(scanner, key))"
            if scanner.matches(key, "execId") { executionID = try MarketFields.string(&scanner, path) }
            else if scanner.matches(key, "symbol") { symbol = try MarketFields.string(&scanner, path) }
            else if scanner.matches(key, "price") { price = try MarketFields.positiveDecimal(&scanner, path) }
            else if scanner.matches(key, "size") { size = try MarketFields.nonNegativeDecimal(&scanner, path) }
            else if scanner.matches(key, "side") {
                let text = try MarketFields.string(&scanner, path)
                guard let parsed = BybitTradeSide(rawValue: text) else { throw ParseFailure(message: "\(path): \"\(text)\" is neither Buy nor Sell") }
                side = parsed
            }
            else if scanner.matches(key, "time") { time = try MarketFields.milliseconds(&scanner, path) }
            else if scanner.matches(key, "isBlockTrade") { isBlockTrade = try MarketFields.bool(&scanner, path) }
            else if scanner.matches(key, "isRPITrade") { isRPITrade = try MarketFields.bool(&scanner, path) }
            else if scanner.matches(key, "seq") { sequence = try MarketFields.string(&scanner, path) }
            else if scanner.matches(key, "mP") { markPrice = try MarketFields.optionalDecimal(&scanner, path) }
            else if scanner.matches(key, "iP") { indexPrice = try MarketFields.optionalDecimal(&scanner, path) }
            else if scanner.matches(key, "mIv") { markIV = try MarketFields.optionalDecimal(&scanner, path) }
            else if scanner.matches(key, "iv") { iv = try MarketFields.optionalDecimal(&scanner, path) }
            else { try scanner.skipValue(in: path) }
        }
        guard let executionID, !executionID.isEmpty else { throw ParseFailure(message: "\(context) has no execId") }
        guard let symbol, !symbol.isEmpty else { throw ParseFailure(message: "\(context) has no symbol") }
        guard let price else { throw ParseFailure(message: "\(context) has no price") }
        guard let size else { throw ParseFailure(message: "\(context) has no size") }
        guard let side else { throw ParseFailure(message: "\(context) has no side") }
        guard let time else { throw ParseFailure(message: "\(context) has no time") }
        var trade = BybitTrade(executionID: executionID, symbol: symbol, price: price, size: size, side: side, time: time,
                               isBlockTrade: isBlockTrade, isRPITrade: isRPITrade, sequence: sequence)
        trade.markPrice = markPrice
        trade.indexPrice = indexPrice
        trade.markIV = markIV
        trade.iv = iv
        return trade
    }
}
