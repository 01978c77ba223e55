extension BybitClient {
    /// Latest prices, best quotes and 24-hour statistics from `GET /v5/market/tickers`.
    ///
    /// - Parameters:
    ///   - category: `spot`, `linear`, `inverse` or `option`.
    ///   - symbol: one symbol (upper case); without it every symbol of the category.
    ///   - baseCoin: options only, e.g. `BTC`. Options need `symbol` or `baseCoin`.
    ///   - expiryDate: options only, e.g. `25DEC22`.
    /// - Throws: ``BybitError``: ``BybitError/Code/invalidArgument`` before sending for a bad
    ///   parameter; ``BybitError/Code/badRequest`` when Bybit refuses one (an unknown
    ///   symbol); ``BybitError/Code/malformedResponse`` for a body that is not the documented
    ///   shape or names another category or symbol.
    public func tickers(category: BybitCategory, symbol: String? = nil, baseCoin: String? = nil, expiryDate: String? = nil) async throws(BybitError) -> BybitTickers {
        try validate(.tickers) { () throws(BybitError) in
            if let symbol { try RequestValidation.symbol(symbol) }
            if let baseCoin { try RequestValidation.symbol(baseCoin) }
            if category == .option, symbol == nil, baseCoin == nil {
                throw BybitError(code: .invalidArgument, message: "option tickers need a symbol or a baseCoin (e.g. BTC)")
            }
            if category != .option, baseCoin != nil || expiryDate != nil {
                throw BybitError(code: .invalidArgument, message: "baseCoin and expiryDate only apply to option tickers", symbol: symbol)
            }
        }
        var query: [(String, String)] = [("category", category.rawValue)]
        if let symbol { query.append(("symbol", symbol)) }
        if let baseCoin { query.append(("baseCoin", baseCoin)) }
        if let expiryDate { query.append(("expDate", expiryDate)) }
        return try await marketCall(.tickers, query: query, symbol: symbol, category: category, parse: TickersParser.parse) { (result, serverTime) throws(ParseFailure) in
            guard result.sawList else { throw ParseFailure(message: "result.list is missing") }
            try Self.expect(category: category, in: result.category)
            if let symbol {
                for (index, ticker) in result.tickers.enumerated() {
                    try Self.expect(symbol: symbol, in: ticker.symbol, field: "result.list[\(index)].symbol")
                }
            }
            return (BybitTickers(category: category, tickers: result.tickers, serverTime: serverTime), result.tickers.count)
        }
    }

    /// The ticker of one symbol.
    ///
    /// - Throws: as ``tickers(category:symbol:baseCoin:expiryDate:)``, and
    ///   ``BybitError/Code/malformedResponse`` when the answer does not hold exactly that
    ///   symbol.
    public func ticker(category: BybitCategory, symbol: String) async throws(BybitError) -> BybitTicker {
        let result = try await tickers(category: category, symbol: symbol)
        guard result.tickers.count == 1, let ticker = result.tickers.first else {
            events.callFailed(endpoint: .tickers, code: .malformedResponse)
            throw BybitError(code: .malformedResponse, message: "tickers for \(symbol) returned \(result.tickers.count) rows; expected exactly one", symbol: symbol)
        }
        return ticker
    }
}
