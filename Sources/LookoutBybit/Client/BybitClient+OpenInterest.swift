extension BybitClient {
    /// One page of open interest from `GET /v5/market/open-interest`, oldest first.
    ///
    /// Bybit returns the newest `limit` samples in the window and a cursor to the older
    /// ones. It silently ignores `startTime` without `endTime`, so that is refused here.
    ///
    /// - Parameters:
    ///   - category: `linear` or `inverse`.
    ///   - symbol: upper case.
    ///   - interval: the bucket length (`intervalTime`).
    ///   - startTime: ms since the epoch; needs `endTime`.
    ///   - endTime: ms since the epoch.
    ///   - limit: 1...200 samples; Bybit's default is 50.
    ///   - cursor: `nextPageCursor` of the previous page, unchanged.
    /// - Throws: ``BybitError``; a cursor Bybit refuses is ``BybitError/Code/badRequest``.
    public func openInterest(category: BybitCategory = .linear, symbol: String, interval: BybitStatisticsPeriod,
                             startTime: Int64? = nil, endTime: Int64? = nil, limit: Int? = nil, cursor: String? = nil) async throws(BybitError) -> BybitOpenInterestPage {
        try validate(.openInterest) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: [.linear, .inverse], endpoint: BybitEndpoint.openInterest.path, symbol: symbol)
            try RequestValidation.symbol(symbol)
            try RequestValidation.count(limit, name: "limit", in: 1...200, what: "samples per request", symbol: symbol)
            try RequestValidation.times(start: startTime, end: endTime, symbol: symbol, names: ("startTime", "endTime"))
            try RequestValidation.cursor(cursor, symbol: symbol)
            if startTime != nil, endTime == nil {
                throw BybitError(code: .invalidArgument, message: "startTime needs endTime on open interest (Bybit silently ignores startTime alone)", symbol: symbol)
            }
        }
        var query: [(String, String)] = [("category", category.rawValue), ("symbol", symbol), ("intervalTime", interval.rawValue)]
        if let startTime { query.append(("startTime", String(startTime))) }
        if let endTime { query.append(("endTime", String(endTime))) }
        if let limit { query.append(("limit", String(limit))) }
        if let cursor { query.append(("cursor", cursor)) }
        return try await marketCall(.openInterest, query: query, symbol: symbol, category: category) { (body) throws(ParseFailure) in
            try SeriesParser.parse(body, timestamp: \.timestamp, row: StatisticsRows.openInterest)
        } assemble: { (result, serverTime) throws(ParseFailure) in
            guard result.sawList else { throw ParseFailure(message: "result.list is missing") }
            try Self.expect(category: category, in: result.category)
            try Self.expect(symbol: symbol, in: result.symbol, field: "result.symbol")
            for (index, row) in result.rows.enumerated() where row.timestamp % interval.milliseconds != 0 {
                throw ParseFailure(message: "result.list[\(index)].timestamp \(row.timestamp) is not on a \(interval) boundary")
            }
            let page = BybitOpenInterestPage(symbol: symbol, category: category, rows: result.rows.reversed(),
                                             nextPageCursor: result.nextPageCursor, serverTime: serverTime)
            return (page, result.rows.count)
        }
    }

    /// Every open-interest sample in `from...to` (ms), oldest first, following the cursor.
    ///
    /// - Throws: ``BybitError``; the first failing page fails the call.
    public func openInterestHistory(category: BybitCategory = .linear, symbol: String, interval: BybitStatisticsPeriod,
                                    from: Int64, to: Int64) async throws(BybitError) -> [BybitOpenInterest] {
        let pages = try await followCursor(endpoint: .openInterest, symbol: symbol) { (cursor) throws(BybitError) in
            let page = try await openInterest(category: category, symbol: symbol, interval: interval, startTime: from, endTime: to, limit: 200, cursor: cursor)
            return (page.rows, page.nextPageCursor)
        }
        return Self.ascendingUnique(pages.reversed().flatMap { $0 }, time: \.timestamp)
    }

    /// `rows` (ascending) without repeated times, keeping the first of each.
    static func ascendingUnique<Row>(_ rows: [Row], time: (Row) -> Int64) -> [Row] {
        var result: [Row] = []
        result.reserveCapacity(rows.count)
        for row in rows.sorted(by: { time($0) < time($1) }) where result.last.map({ time($0) != time(row) }) ?? true {
            result.append(row)
        }
        return result
    }
}
