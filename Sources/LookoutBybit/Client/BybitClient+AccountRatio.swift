extension BybitClient {
    /// One page of the long/short account ratio from `GET /v5/market/account-ratio`,
    /// oldest first.
    ///
    /// - Parameters:
    ///   - category: `linear` or `inverse`.
    ///   - symbol: upper case.
    ///   - period: the bucket length.
    ///   - startTime: ms since the epoch.
    ///   - endTime: ms since the epoch.
    ///   - limit: 1...500 samples; Bybit's default is 50.
    ///   - cursor: `nextPageCursor` of the previous page, unchanged.
    /// - Throws: ``BybitError``; ratios outside 0...1 are ``BybitError/Code/malformedResponse``.
    public func accountRatio(category: BybitCategory = .linear, symbol: String, period: BybitStatisticsPeriod,
                             startTime: Int64? = nil, endTime: Int64? = nil, limit: Int? = nil, cursor: String? = nil) async throws(BybitError) -> BybitAccountRatioPage {
        try validate(.accountRatio) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: [.linear, .inverse], endpoint: BybitEndpoint.accountRatio.path, symbol: symbol)
            try RequestValidation.symbol(symbol)
            try RequestValidation.count(limit, name: "limit", in: 1...500, what: "samples per request", symbol: symbol)
            try RequestValidation.times(start: startTime, end: endTime, symbol: symbol, names: ("startTime", "endTime"))
            try RequestValidation.cursor(cursor, symbol: symbol)
        }
        var query: [(String, String)] = [("category", category.rawValue), ("symbol", symbol), ("period", period.rawValue)]
        if let startTime { query.append(("startTime", String(startTime))) }
        if let endTime { query.append(("endTime", String(endTime))) }
        if let limit { query.append(("limit", String(limit))) }
        if let cursor { query.append(("cursor", cursor)) }
        return try await marketCall(.accountRatio, query: query, symbol: symbol, category: category) { (body) throws(ParseFailure) in
            try SeriesParser.parse(body, timestamp: \.timestamp, row: StatisticsRows.accountRatio)
        } assemble: { (result, serverTime) throws(ParseFailure) in
            guard result.sawList else { throw ParseFailure(message: "result.list is missing") }
            for (index, row) in result.rows.enumerated() {
                try Self.expect(symbol: symbol, in: row.symbol, field: "result.list[\(index)].symbol")
            }
            return (BybitAccountRatioPage(rows: result.rows.reversed(), nextPageCursor: result.nextPageCursor, serverTime: serverTime), result.rows.count)
        }
    }

    /// Every account-ratio sample in `from...to` (ms), oldest first, following the cursor.
    ///
    /// - Throws: ``BybitError``; the first failing page fails the call.
    public func accountRatioHistory(category: BybitCategory = .linear, symbol: String, period: BybitStatisticsPeriod,
                                    from: Int64, to: Int64) async throws(BybitError) -> [BybitAccountRatio] {
        let pages = try await followCursor(endpoint: .accountRatio, symbol: symbol) { (cursor) throws(BybitError) in
            let page = try await accountRatio(category: category, symbol: symbol, period: period, startTime: from, endTime: to, limit: 500, cursor: cursor)
            return (page.rows, page.nextPageCursor)
        }
        return Self.ascendingUnique(pages.reversed().flatMap { $0 }, time: \.timestamp)
    }
}
