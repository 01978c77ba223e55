extension BybitClient {
    /// One page of funding-rate history from `GET /v5/market/funding/history`, oldest first.
    ///
    /// Bybit returns the newest `limit` settlements in the window (older ones are dropped,
    /// as with klines). With `endTime` alone it returns those up to `endTime`; with neither,
    /// the latest. `startTime` alone is an error on Bybit's side, so it is refused here.
    ///
    /// - Parameters:
    ///   - category: `linear` or `inverse` (perpetuals only).
    ///   - symbol: upper case.
    ///   - startTime: ms since the epoch; needs `endTime`.
    ///   - endTime: ms since the epoch.
    ///   - limit: 1...200 settlements; Bybit's default is 200.
    /// - Throws: ``BybitError``.
    public func fundingHistory(category: BybitCategory = .linear, symbol: String, startTime: Int64? = nil, endTime: Int64? = nil,
                               limit: Int? = nil) async throws(BybitError) -> BybitFundingHistory {
        try validate(.fundingHistory) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: [.linear, .inverse], endpoint: BybitEndpoint.fundingHistory.path, symbol: symbol)
            try RequestValidation.symbol(symbol)
            try RequestValidation.count(limit, name: "limit", in: 1...200, what: "settlements per request", symbol: symbol)
            try RequestValidation.times(start: startTime, end: endTime, symbol: symbol, names: ("startTime", "endTime"))
            if startTime != nil, endTime == nil {
                throw BybitError(code: .invalidArgument, message: "startTime needs endTime on funding history (Bybit refuses startTime alone)", symbol: symbol)
            }
        }
        var query: [(String, String)] = [("category", category.rawValue), ("symbol", symbol)]
        if let startTime { query.append(("startTime", String(startTime))) }
        if let endTime { query.append(("endTime", String(endTime))) }
        if let limit { query.append(("limit", String(limit))) }
        return try await marketCall(.fundingHistory, query: query, symbol: symbol, category: category) { (body) throws(ParseFailure) in
            try SeriesParser.parse(body, timestamp: \.timestamp, row: StatisticsRows.funding)
        } assemble: { (result, serverTime) throws(ParseFailure) in
            guard result.sawList else { throw ParseFailure(message: "result.list is missing") }
            try Self.expect(category: category, in: result.category)
            for (index, rate) in result.rows.enumerated() {
                try Self.expect(symbol: symbol, in: rate.symbol, field: "result.list[\(index)].symbol")
                if let startTime, rate.timestamp < startTime { throw ParseFailure(message: "result.list[\(index)] settles at \(rate.timestamp), before startTime \(startTime)") }
                if let endTime, rate.timestamp > endTime { throw ParseFailure(message: "result.list[\(index)] settles at \(rate.timestamp), after endTime \(endTime)") }
            }
            return (BybitFundingHistory(category: category, rates: result.rows.reversed(), serverTime: serverTime), result.rows.count)
        }
    }

    /// Every funding settlement of `symbol` in `from...to` (ms), oldest first, fetched
    /// newest page first by moving `endTime` below each page's oldest row (funding history
    /// has no cursor). Stops at 1,000 pages (200,000 settlements, far beyond any listing).
    ///
    /// - Throws: ``BybitError``; the first failing page fails the call.
    public func fundingRates(category: BybitCategory = .linear, symbol: String, from: Int64, to: Int64) async throws(BybitError) -> [BybitFundingRate] {
        var pages: [[BybitFundingRate]] = []
        var end = to
        for _ in 0..<1000 {
            let page = try await fundingHistory(category: category, symbol: symbol, startTime: from, endTime: end, limit: 200)
            pages.append(page.rates)
            guard page.rates.count == 200, let oldest = page.rates.first?.timestamp, oldest > from else {
                return pages.reversed().flatMap { $0 }
            }
            end = oldest - 1
        }
        throw BybitError(code: .malformedResponse, message: "funding history kept returning full pages after 1000 requests; stopping", symbol: symbol)
    }
}
