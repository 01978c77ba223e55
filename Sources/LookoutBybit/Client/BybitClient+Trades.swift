extension BybitClient {
    /// The largest `limit` of recent trades in `category`: 60 for spot, 1,000 otherwise.
    public static func maximumRecentTrades(for category: BybitCategory) -> Int {
        category == .spot ? 60 : 1000
    }

    /// The latest public trades from `GET /v5/market/recent-trade`, oldest first.
    ///
    /// There is no time range or cursor: Bybit serves only the latest trades.
    ///
    /// - Parameters:
    ///   - category: `spot`, `linear`, `inverse` or `option`.
    ///   - symbol: upper case; required except for options.
    ///   - limit: 1...``maximumRecentTrades(for:)``; Bybit's default is 60 for spot, 500
    ///     otherwise.
    /// - Throws: ``BybitError``; rows out of time order or for another symbol are
    ///   ``BybitError/Code/malformedResponse``.
    public func recentTrades(category: BybitCategory, symbol: String?, limit: Int? = nil) async throws(BybitError) -> BybitTrades {
        try validate(.recentTrade) { () throws(BybitError) in
            if let symbol { try RequestValidation.symbol(symbol) } else if category != .option {
                throw BybitError(code: .invalidArgument, message: "recent trades of \(category) need a symbol")
            }
            try RequestValidation.count(limit, name: "limit", in: 1...Self.maximumRecentTrades(for: category), what: "trades for \(category)", symbol: symbol)
        }
        var query: [(String, String)] = [("category", category.rawValue)]
        if let symbol { query.append(("symbol", symbol)) }
        if let limit { query.append(("limit", String(limit))) }
        return try await marketCall(.recentTrade, query: query, symbol: symbol, category: category, parse: RecentTradesParser.parse) { (result, serverTime) throws(ParseFailure) in
            guard result.sawList else { throw ParseFailure(message: "result.list is missing") }
            try Self.expect(category: category, in: result.category)
            for (index, trade) in result.trades.enumerated() {
                try Self.expect(symbol: symbol, in: trade.symbol, field: "result.list[\(index)].symbol")
                if index > 0, trade.time > result.trades[index - 1].time {
                    throw ParseFailure(message: "result.list[\(index)]: time \(trade.time) is after the previous trade's; trades must be newest first")
                }
            }
            if let limit, result.trades.count > limit {
                throw ParseFailure(message: "\(result.trades.count) trades came back, more than the \(limit) asked for")
            }
            return (BybitTrades(category: category, trades: result.trades.reversed(), serverTime: serverTime), result.trades.count)
        }
    }
}
