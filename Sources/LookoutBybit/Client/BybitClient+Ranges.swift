extension BybitClient {
    /// Trade-price candles with start times in `from...to`, however many pages that takes.
    ///
    /// The range is split into windows of at most 1,000 candles, each sent with both
    /// `start` and `end` so the exchange never drops part of a window (see
    /// ``RangePlanner``); windows are fetched concurrently (bounded by
    /// ``Configuration/maxConcurrentRequests``). The result is ascending, unique by start
    /// time, keeps zero-volume candles as the exchange sends them, and marks the still-open
    /// candle (``KlineRow/isClosed`` is `false`; use ``KlineSeries/closedRows`` to drop it).
    /// Any page failing fails the whole call: a range is never returned with holes (use
    /// ``partialCandles(category:symbol:interval:from:to:)`` to keep what succeeded). A range
    /// holding no candle start at all needs no request and returns no rows; a range whose
    /// pages all come back empty (before the listing, or in the future) throws
    /// ``BybitError/Code/noData`` rather than pass for "no trades".
    ///
    /// - Parameters:
    ///   - from: first start time wanted, ms since the epoch (inclusive). A `from` inside a
    ///     candle skips that candle.
    ///   - to: last start time wanted, ms since the epoch (inclusive).
    /// - Throws: ``BybitError``; `from > to`, negative times or a range needing more than
    ///   ``Configuration/maxPagesPerRange`` pages are ``BybitError/Code/invalidArgument``.
    public func candles(
        category: BybitCategory = .linear, symbol: String, interval: KlineInterval, from: Int64, to: Int64
    ) async throws(BybitError) -> KlineSeries<Kline> {
        try validate(.kline) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: [.spot, .linear, .inverse], endpoint: BybitEndpoint.kline.path, symbol: symbol)
        }
        return try await series(.kline, category: category, symbol: symbol, interval: interval, from: from, to: to, limit: 1000).series
    }

    /// Trade-price candles with start times in `from...to`, keeping what succeeded when
    /// some pages fail: the candles received plus each failed sub-range with its error.
    ///
    /// Pages are fetched as by ``candles(category:symbol:interval:from:to:)``, but a page
    /// that fails after every retry with a page-local error (server busy, HTTP status,
    /// transport, timeout, malformed response, rate limit, other retCode) becomes an entry
    /// of ``PartialKlineSeries/missing`` and the other pages are still fetched. Nothing is
    /// invented or interpolated for a missing sub-range.
    ///
    /// ```swift
    /// let result = try await bybit.partialCandles(symbol: "BTCUSDT", interval: .oneMinute, from: start, to: end)
    /// store(result.series.rows)
    /// for gap in result.missing { retryLater(gap.from, gap.to, because: gap.error) }
    /// ```
    ///
    /// - Throws: ``BybitError``: the same argument checks as
    ///   ``candles(category:symbol:interval:from:to:)`` (before anything is sent); an error
    ///   that would fail every page alike (``BybitError/Code/badRequest`` such as an unknown
    ///   symbol, ``BybitError/Code/ipBanned``, ``BybitError/Code/cancelled``) ends the fetch
    ///   and is thrown; ``BybitError/Code/noData`` when every page succeeded empty. When
    ///   every page failed, the result has no candles and the whole range is missing.
    public func partialCandles(
        category: BybitCategory = .linear, symbol: String, interval: KlineInterval, from: Int64, to: Int64
    ) async throws(BybitError) -> PartialKlineSeries<Kline> {
        try validate(.kline) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: [.spot, .linear, .inverse], endpoint: BybitEndpoint.kline.path, symbol: symbol)
        }
        return try await series(.kline, category: category, symbol: symbol, interval: interval, from: from, to: to, limit: 1000, keepPartial: true)
    }

    /// Mark-, index- or premium-index-price candles over any range; see
    /// ``candles(category:symbol:interval:from:to:)``.
    public func priceCandles(
        _ kind: PriceKlineKind, category: BybitCategory = .linear, symbol: String, interval: KlineInterval, from: Int64, to: Int64
    ) async throws(BybitError) -> KlineSeries<PriceKline> {
        try validate(kind.endpoint) { () throws(BybitError) in
            try RequestValidation.category(category, allowed: kind.allowedCategories, endpoint: kind.endpoint.path, symbol: symbol)
        }
        return try await series(kind.endpoint, category: category, symbol: symbol, interval: interval,
                                from: from, to: to, limit: kind.maximumLimit(for: category)).series
    }

    /// How many requests ``candles(category:symbol:interval:from:to:)`` makes for the range
    /// `from...to` when nothing fails (0 when no candle starts in the range), for progress
    /// reporting and cost estimates.
    public static func pagesNeeded(interval: KlineInterval, from: Int64, to: Int64) -> Int {
        RangePlanner.windowCount(from: from, to: to, interval: interval, limit: 1000)
    }

    private func series<Row: ParsableKlineRow>(
        _ endpoint: BybitEndpoint, category: BybitCategory, symbol: String, interval: KlineInterval,
        from: Int64, to: Int64, limit: Int, keepPartial: Bool = false
    ) async throws(BybitError) -> PartialKlineSeries<Row> {
        let count = RangePlanner.windowCount(from: from, to: to, interval: interval, limit: limit)
        try validate(endpoint) { () throws(BybitError) in
            try RequestValidation.symbol(symbol)
            try RequestValidation.times(start: from, end: to, symbol: symbol, names: ("from", "to"))
            guard count <= configuration.maxPagesPerRange else {
                throw BybitError(code: .invalidArgument, message: "the range \(from)...\(to) at interval \(interval) needs \(count) requests, more than maxPagesPerRange (\(configuration.maxPagesPerRange)); split it or raise the limit", symbol: symbol)
            }
        }
        let started = ContinuousClock.now
        let windows = RangePlanner.windows(from: from, to: to, interval: interval, limit: limit)
        // Pages wait for the slowest one held compactly (64 bytes a trade candle), so the
        // whole range is in memory once at full size: in the merged result.
        var pages = [(rows: Row.HeldRows, serverTime: Int64)?](repeating: nil, count: windows.count)
        let parallel = max(1, configuration.maxConcurrentRequests)
        var missing: [Int: BybitError] = [:]
        let failure: BybitError? = await withTaskGroup(of: (Int, Result<KlinePage<Row>, BybitError>).self) { group in
            var next = 0
            func launch() {
                let index = next
                let window = windows[index]
                next += 1
                group.addTask {
                    do throws(BybitError) {
                        let page: KlinePage<Row> = try await self.page(endpoint, category: category, symbol: symbol, interval: interval,
                                                                       start: window.start, end: window.end, limit: limit, maximum: limit)
                        return (index, .success(page))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            while next < windows.count && next < parallel { launch() }
            while let (index, result) = await group.next() {
                switch result {
                case .success(let page):
                    pages[index] = (Row.hold(page.rows), page.serverTime)
                    if next < windows.count { launch() }
                case .failure(let error) where keepPartial && error.code.isPageLocal:
                    missing[index] = error
                    if next < windows.count { launch() }
                case .failure(let error):
                    group.cancelAll()
                    return error
                }
            }
            return nil
        }
        if let failure { throw failure }
        let rows = CandleMerger.merge(pages.compactMap { $0 }, from: from, to: to)
        let gaps = missing.sorted { $0.key < $1.key }.map { index, error in
            MissingCandleRange(from: max(windows[index].start, from), to: min(windows[index].end, to), error: error)
        }
        if rows.isEmpty, !windows.isEmpty, gaps.isEmpty {
            let error = BybitError(
                code: .noData,
                message: "Bybit returned no \(symbol) candles (interval \(interval)) from \(BybitTimestamp.format(from)) to \(BybitTimestamp.format(to)) in \(windows.count) request\(windows.count == 1 ? "" : "s"); the range is before the symbol's listing or after its delivery (see instruments(category:symbol:) launchTime), or in the future",
                symbol: symbol, request: "GET \(configuration.baseURL)\(endpoint.path)?category=\(category)&symbol=\(symbol)&interval=\(interval)&start=\(windows[0].start)&end=\(windows[0].end)&limit=\(limit)",
                attempts: 1)
            events.callFailed(endpoint: endpoint, code: .noData)
            throw error
        }
        events.rangeFetched(interval: interval, pages: windows.count, candles: rows.count, duration: started.duration(to: .now))
        return PartialKlineSeries(series: KlineSeries(symbol: symbol, category: category, interval: interval, from: from, to: to, rows: rows, pages: windows.count),
                                  missing: gaps)
    }
}
