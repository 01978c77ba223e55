/// The `result` of `/v5/market/orderbook` before its checks.
struct OrderBookResult {
    var symbol: String?
    var bids: [BybitBookLevel]?
    var asks: [BybitBookLevel]?
    var timestamp: Int64?
    var updateID: Int64?
    var sequence: Int64?
    var matchingEngineTime: Int64?
}

/// Parses `/v5/market/orderbook` bodies: `{"s":…,"b":[[p,q]…],"a":[…],"ts":…,"u":…,"seq":…,"cts":…}`
/// in any key order; `ts`, `u`, `seq` and `cts` are JSON numbers, levels are string pairs.
enum OrderBookParser {
    static func parse(_ body: UnsafeBufferPointer<UInt8>) throws(ParseFailure) -> BybitEnvelope<OrderBookResult> {
        try EnvelopeParser.parse(body) { (scanner: inout JSONScanner) throws(ParseFailure) -> OrderBookResult in
            var result = OrderBookResult()
            try MarketFields.object(&scanner, "result") { (scanner: inout JSONScanner, key: Range<Int>) throws(ParseFailure) in
                if scanner.matches(key, "s") { result.symbol = try MarketFields.string(&scanner, "result.s") }
                else if scanner.matches(key, "b") { result.bids = try levels(&scanner, "result.b") }
                else if scanner.matches(key, "a") { result.asks = try levels(&scanner, "result.a") }
                else if scanner.matches(key, "ts") { result.timestamp = try MarketFields.integer(&scanner, "result.ts") }
                else if scanner.matches(key, "u") { result.updateID = try MarketFields.integer(&scanner, "result.u") }
                else if scanner.matches(key, "seq") { result.sequence = try MarketFields.integer(&scanner, "result.seq") }
                else if scanner.matches(key, "cts") { result.matchingEngineTime = try MarketFields.integer(&scanner, "result.cts") }
                else { try scanner.skipValue(in: "result") }
            }
            return result
        }
    }

    private static func levels(_ scanner: inout JSONScanner, _ path: String) throws(ParseFailure) -> [BybitBookLevel] {
        var levels: [BybitBookLevel] = []
        try MarketFields.array(&scanner, path) { (scanner: inout JSONScanner, index: Int) throws(ParseFailure) in
            let context = "\(path)[\(index)]"
            var fields: [ExactDecimal] = []
            try MarketFields.array(&scanner, context) { (scanner: inout JSONScanner, field: Int) throws(ParseFailure) in
                guard field < 2 else { throw ParseFailure(message: "\(context) has more than 2 fields; a level is [price, size]") }
                fields.append(field == 0 ? try MarketFields.positiveDecimal(&scanner, "\(context)[0]")
                                         : try MarketFields.nonNegativeDecimal(&scanner, "\(context)[1]"))
            }
            guard fields.count == 2 else { throw ParseFailure(message: "\(context) has \(fields.count) fields; a level is [price, size]") }
            levels.append(BybitBookLevel(price: fields[0], size: fields[1]))
        }
        return levels
    }

    /// The checked book: every field present, bids strictly descending, asks strictly
    /// ascending, not crossed.
    static func book(_ result: OrderBookResult, serverTime: Int64) throws(ParseFailure) -> BybitOrderBook {
        guard let symbol = result.symbol, !symbol.isEmpty else { throw ParseFailure(message: "result.s (the symbol) is missing") }
        guard let bids = result.bids else { throw ParseFailure(message: "result.b (the bids) is missing") }
        guard let asks = result.asks else { throw ParseFailure(message: "result.a (the asks) is missing") }
        guard let timestamp = result.timestamp else { throw ParseFailure(message: "result.ts is missing") }
        guard let updateID = result.updateID else { throw ParseFailure(message: "result.u is missing") }
        for index in bids.indices.dropFirst() where bids[index].price >= bids[index - 1].price {
            throw ParseFailure(message: "result.b[\(index)]: bid \(bids[index].price) is not below the previous \(bids[index - 1].price); bids must be best (highest) first")
        }
        for index in asks.indices.dropFirst() where asks[index].price <= asks[index - 1].price {
            throw ParseFailure(message: "result.a[\(index)]: ask \(asks[index].price) is not above the previous \(asks[index - 1].price); asks must be best (lowest) first")
        }
        if let bid = bids.first?.price, let ask = asks.first?.price, bid >= ask {
            throw ParseFailure(message: "the book is crossed: best bid \(bid) is not below best ask \(ask)")
        }
        return BybitOrderBook(symbol: symbol, bids: bids, asks: asks, timestamp: timestamp, updateID: updateID,
                              sequence: result.sequence, matchingEngineTime: result.matchingEngineTime, serverTime: serverTime)
    }
}
