extension BybitClient {
    /// The deepest `depth` Bybit accepts per side in `category`: 25 for options, 1,000
    /// otherwise (spot was 50, then 200; contracts 200, then 500, before 2025).
    public static func maximumOrderBookDepth(for category: BybitCategory) -> Int {
        category == .option ? 25 : 1000
    }

    /// An order-book snapshot from `GET /v5/market/orderbook`.
    ///
    /// - Parameters:
    ///   - category: `spot`, `linear`, `inverse` or `option`.
    ///   - symbol: upper case.
    ///   - depth: levels per side (`limit`), 1...``maximumOrderBookDepth(for:)``; Bybit's
    ///     default is 1 for spot and options, 25 for contracts.
    /// - Throws: ``BybitError``; a book that is unordered or crossed is
    ///   ``BybitError/Code/malformedResponse``.
    public func orderBook(category: BybitCategory, symbol: String, depth: Int? = nil) async throws(BybitError) -> BybitOrderBook {
        try validate(.orderBook) { () throws(BybitError) in
            try RequestValidation.symbol(symbol)
            try RequestValidation.count(depth, name: "depth", in: 1...Self.maximumOrderBookDepth(for: category),
                                        what: "levels per side for \(category)", symbol: symbol)
        }
        var query: [(String, String)] = [("category", category.rawValue), ("symbol", symbol)]
        if let depth { query.append(("limit", String(depth))) }
        return try await marketCall(.orderBook, query: query, symbol: symbol, category: category, parse: OrderBookParser.parse) { (result, serverTime) throws(ParseFailure) in
            let book = try OrderBookParser.book(result, serverTime: serverTime)
            try Self.expect(symbol: symbol, in: book.symbol, field: "result.s")
            if let depth, book.bids.count > depth || book.asks.count > depth {
                throw ParseFailure(message: "the book has \(book.bids.count) bids and \(book.asks.count) asks, more than the \(depth) levels asked for")
            }
            return (book, book.bids.count + book.asks.count)
        }
    }
}
