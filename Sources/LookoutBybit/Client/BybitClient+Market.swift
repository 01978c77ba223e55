extension BybitClient {
    /// One page of trade-price candles from `GET /v5/market/kline`, with exactly the API's
    /// parameters.
    ///
    /// Bybit returns the newest `limit` candles with start times from the candle containing
    /// `start` up to `end`; without `end` it anchors at `start`, and with neither it returns
    /// the latest candles, the still-open one included. Rows come back ascending with the
    /// open candle marked (``KlineRow/isClosed``). For ranges longer than one page use
    /// ``candles(category:symbol:interval:from:to:)``.
    ///
    /// - Parameters:
    ///   - category: `spot`, `linear` (the default) or `inverse`.
    ///   - symbol: upper case, for example `BTCUSDT`.
    ///   - start: first candle, ms since the epoch (optional).
    ///   - end: last candle, ms since the epoch (optional).
    ///   - limit: 1...1000 candles; Bybit's default is 200.
    /// - Throws: ``BybitError``; parameters are checked before sending
    ///   (``BybitError/Code/invalidArgument``).
    public func klines(
        category: BybitCategory = .linear, symbol: String, interval: KlineInterval,
        start: Int64? = nil, end: Int64? = nil, limit: Int? = nil
    ) async throws(BybitError) -> KlinePage<Kline> {
        try validate(.kline) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: [.spot, .linear, .inverse], endpoint: BybitEndpoint.kline.path, symbol: symbol)
        }
        return try await page(.kline, category: category, symbol: symbol, interval: interval, start: start, end: end, limit: limit, maximum: 1000)
    }

    /// One page of mark-, index- or premium-index-price candles (5-field rows: no volume).
    ///
    /// Same semantics as ``klines(category:symbol:interval:start:end:limit:)``. Categories
    /// are restricted per ``PriceKlineKind/allowedCategories``; option mark-price candles
    /// take at most 500 per page.
    public func priceKlines(
        _ kind: PriceKlineKind, category: BybitCategory = .linear, symbol: String, interval: KlineInterval,
        start: Int64? = nil, end: Int64? = nil, limit: Int? = nil
    ) async throws(BybitError) -> KlinePage<PriceKline> {
        try validate(kind.endpoint) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: kind.allowedCategories, endpoint: kind.endpoint.path, symbol: symbol)
        }
        return try await page(kind.endpoint, category: category, symbol: symbol, interval: interval,
                              start: start, end: end, limit: limit, maximum: kind.maximumLimit(for: category))
    }

    /// The exchange's clock, from `GET /v5/market/time`.
    public func serverTime() async throws(BybitError) -> BybitServerTime {
        let envelope = try await perform(BybitCall(endpoint: .time, query: [])) { (body) throws(ParseFailure) in
            try InstrumentsParser.parseServerTime(body)
        }
        guard let milliseconds = envelope.time ?? envelope.result?.seconds.map({ $0 * 1000 }) else {
            throw BybitError(code: .malformedResponse, message: "the time response has neither time nor result.timeSecond", request: "GET \(configuration.baseURL)\(BybitEndpoint.time.path)")
        }
        let seconds = envelope.result?.seconds ?? milliseconds / 1000
        return BybitServerTime(milliseconds: milliseconds, seconds: seconds, nanoseconds: envelope.result?.nanoseconds ?? milliseconds * 1_000_000)
    }

    /// Every instrument of `category` from `GET /v5/market/instruments-info`, following
    /// `nextPageCursor` until the last page (spot has a single page).
    ///
    /// - Parameters:
    ///   - symbol: only this symbol (optional).
    ///   - status: only this status, for example `PreLaunch` (Bybit's default is `Trading`
    ///     for spot, linear and inverse).
    public func instruments(category: BybitCategory, symbol: String? = nil, status: String? = nil) async throws(BybitError) -> [BybitInstrument] {
        if let symbol { try validate(.instrumentsInfo) { () throws(BybitError) in try RequestValidation.symbol(symbol) } }
        var instruments: [BybitInstrument] = []
        var cursor: String?
        var seenCursors: Set<String> = []
        for _ in 0..<1000 {
            var query: [(String, String)] = [("category", category.rawValue)]
            if let symbol { query.append(("symbol", symbol)) }
            if let status { query.append(("status", status)) }
            if category != .spot { query.append(("limit", "1000")) }
            if let cursor { query.append(("cursor", cursor)) }
            let envelope = try await perform(BybitCall(endpoint: .instrumentsInfo, query: query, symbol: symbol, category: category)) { (body) throws(ParseFailure) in
                try InstrumentsParser.parse(body)
            }
            guard let page = envelope.result else {
                events.callFailed(endpoint: .instrumentsInfo, code: .malformedResponse)
                throw BybitError(code: .malformedResponse, message: "the instruments-info response has retCode 0 but result is null; expected result.list",
                                 retCode: envelope.retCode, retMsg: envelope.retMsg, httpStatus: 200, symbol: symbol,
                                 request: "GET \(configuration.baseURL)\(BybitEndpoint.instrumentsInfo.path)\(QueryString.encode(query))")
            }
            instruments.append(contentsOf: page.instruments)
            guard category != .spot, let next = page.nextPageCursor, !next.isEmpty, !page.instruments.isEmpty else { return instruments }
            guard seenCursors.insert(next).inserted else {
                throw BybitError(code: .malformedResponse, message: "instruments-info returned the cursor '\(next)' twice; stopping instead of looping", symbol: symbol)
            }
            cursor = next
        }
        throw BybitError(code: .malformedResponse, message: "instruments-info kept returning a next page after 1000 pages; stopping", symbol: symbol)
    }

    /// Fetches and normalises one kline page of any row type.
    func page<Row: ParsableKlineRow>(
        _ endpoint: BybitEndpoint, category: BybitCategory, symbol: String, interval: KlineInterval,
        start: Int64?, end: Int64?, limit: Int?, maximum: Int
    ) async throws(BybitError) -> KlinePage<Row> {
        try validate(endpoint) { () throws(BybitError) in
            try RequestValidation.symbol(symbol)
            try RequestValidation.limit(limit, maximum: maximum, symbol: symbol)
            try RequestValidation.times(start: start, end: end, symbol: symbol)
        }
        var query: [(String, String)] = [("category", category.rawValue), ("symbol", symbol), ("interval", interval.rawValue)]
        if let start { query.append(("start", String(start))) }
        if let end { query.append(("end", String(end))) }
        if let limit { query.append(("limit", String(limit))) }
        let call = BybitCall(endpoint: endpoint, query: query, symbol: symbol, category: category)
        var envelope = try await perform(call) { (body) throws(ParseFailure) in try KlineParser.parse(body, as: Row.self) }
        if envelope.time == nil {
            // Neither the body's `time` nor a usable Date header: which candle is still open
            // is judged on the exchange's clock, never on the local one alone.
            envelope.time = try await serverTime().milliseconds
        }
        guard let page = KlinePage.assemble(envelope, interval: interval, symbol: symbol, category: category) else {
            events.callFailed(endpoint: endpoint, code: .malformedResponse)
            throw BybitError(code: .malformedResponse, message: "the kline response has retCode 0 but no result.list",
                             retCode: envelope.retCode, retMsg: envelope.retMsg, symbol: symbol,
                             request: "GET \(configuration.baseURL)\(endpoint.path)\(QueryString.encode(query))")
        }
        if let problem = KlinePage<Row>.problem(in: page, requestedSymbol: symbol) {
            events.callFailed(endpoint: endpoint, code: .malformedResponse)
            throw BybitError(code: .malformedResponse, message: "the kline response is not sound: \(problem)",
                             retCode: envelope.retCode, retMsg: envelope.retMsg, httpStatus: 200, symbol: symbol,
                             request: "GET \(configuration.baseURL)\(endpoint.path)\(QueryString.encode(query))")
        }
        events.candlesFetched(endpoint: endpoint, interval: interval, count: page.rows.count)
        return page
    }
}
