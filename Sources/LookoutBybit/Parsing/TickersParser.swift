/// The `result` of `/v5/market/tickers`.
struct TickersResult {
    var category: BybitCategory?
    var tickers: [BybitTicker] = []
    var sawList = false
}

/// Parses `/v5/market/tickers` bodies: `{"category":…,"list":[{…}]}`, keys in any order.
enum TickersParser {
    /// The decimal fields the client models, by their JSON key (key paths are not
    /// `Sendable`, so this is built per response rather than stored).
    private static var decimals: [(StaticString, WritableKeyPath<BybitTicker, ExactDecimal?>)] {
        [
        ("lastPrice", \.lastPrice), ("bid1Price", \.bid1Price), ("bid1Size", \.bid1Size), ("ask1Price", \.ask1Price),
        ("ask1Size", \.ask1Size), ("prevPrice24h", \.prevPrice24h), ("price24hPcnt", \.price24hPcnt),
        ("highPrice24h", \.highPrice24h), ("lowPrice24h", \.lowPrice24h), ("turnover24h", \.turnover24h),
        ("volume24h", \.volume24h), ("usdIndexPrice", \.usdIndexPrice), ("indexPrice", \.indexPrice),
        ("markPrice", \.markPrice), ("prevPrice1h", \.prevPrice1h), ("openInterest", \.openInterest),
        ("openInterestValue", \.openInterestValue), ("fundingRate", \.fundingRate), ("fundingCap", \.fundingCap),
        ("predictedDeliveryPrice", \.predictedDeliveryPrice), ("basis", \.basis), ("basisRate", \.basisRate),
        ("basisRateYear", \.basisRateYear), ("deliveryFeeRate", \.deliveryFeeRate),
        ]
    }

    static func parse(_ body: UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<TickersResult> {
        try EnvelopeParser.parse(body) { (scanner: inout JSONScanner) throws(ParseFailure) -> TickersResult in
            var result = TickersResult()
            let decimals = decimals
            try MarketFields.categoryAndList(&scanner, category: &result.category, sawList: &result.sawList, list: &result.tickers) {
                (scanner: inout JSONScanner, path: String) throws(ParseFailure) in try ticker(&scanner, path, decimals: decimals)
            }
            return result
        }
    }

    private static func ticker(
        _ scanner: inout JSONScanner, _ context: String, decimals: [(StaticString, WritableKeyPath<BybitTicker, ExactDecimal?>)]
    ) throws(ParseFailure) -> BybitTicker {
        var ticker = BybitTicker(symbol: "")
        try MarketFields.object(&scanner, context) { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
            let name = MarketFields.key(scanner, key)
            let path = "\(context).\(name)"
            if scanner.matches(key, "symbol") {
                ticker.symbol = try MarketFields.string(&scanner, path)
            } else if let field = decimals.first(where: { scanner.matches(key, $0.0) })?.1 {
                ticker[keyPath: field] = try MarketFields.optionalDecimal(&scanner, path)
            } else if scanner.matches(key, "nextFundingTime") {
                ticker.nextFundingTime = try MarketFields.optionalMilliseconds(&scanner, path)
            } else if scanner.matches(key, "deliveryTime") {
                ticker.deliveryTime = try MarketFields.optionalMilliseconds(&scanner, path)
            } else if scanner.matches(key, "fundingIntervalHour") {
                let text = try MarketFields.string(&scanner, path)
                if !text.isEmpty {
                    guard let hours = Int(text), hours > 0 else { throw ParseFailure(message: "\(path): \"\(text)\" is not a whole number of hours") }
                    ticker.fundingIntervalHours = hours
                }
            } else if scanner.peek() == UInt8(ascii: "\"") {
                ticker.otherFields[name] = try scanner.readString(in: path)
            } else {
                try scanner.skipValue(in: path)
            }
        }
        guard !ticker.symbol.isEmpty else { throw ParseFailure(message: "\(context) has no symbol") }
        return ticker
    }
}
