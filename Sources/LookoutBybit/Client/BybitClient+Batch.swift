extension BybitClient {
    /// The latest `limit` candles of each symbol, fetched in parallel.
    ///
    /// Symbols are fetched at most `maxConcurrency` at a time (default
    /// ``Configuration/maxConcurrentRequests``); each gets its own result, so one unknown
    /// symbol does not fail the others. Duplicate symbols are fetched once.
    ///
    /// - Parameters:
    ///   - limit: 1...1000 candles per symbol (default 200, Bybit's own default).
    public func fetchMultipleSymbols(
        _ symbols: [String], category: BybitCategory = .linear, interval: KlineInterval, limit: Int = 200, maxConcurrency: Int? = nil
    ) async -> BatchResult<KlinePage<Kline>> {
        await batch(symbols, maxConcurrency: maxConcurrency) { (symbol) async throws(BybitError) in
            try await self.klines(category: category, symbol: symbol, interval: interval, limit: limit)
        }
    }

    /// Candles with start times in `from...to` for each symbol, fetched in parallel; see
    /// ``candles(category:symbol:interval:from:to:)`` and
    /// ``fetchMultipleSymbols(_:category:interval:limit:maxConcurrency:)``.
    public func fetchMultipleSymbols(
        _ symbols: [String], category: BybitCategory = .linear, interval: KlineInterval, from: Int64, to: Int64, maxConcurrency: Int? = nil
    ) async -> BatchResult<KlineSeries<Kline>> {
        await batch(symbols, maxConcurrency: maxConcurrency) { (symbol) async throws(BybitError) in
            try await self.candles(category: category, symbol: symbol, interval: interval, from: from, to: to)
        }
    }

    /// Records a multi-symbol batch that ran outside ``fetchMultipleSymbols(_:category:interval:limit:maxConcurrency:)``
    /// (through a candle cache, or an API's own fan-out) in this client's batch metrics
    /// (`bybit_batch_duration_seconds`, `bybit_batch_symbols_total`), as if it had run here.
    ///
    /// - Parameters:
    ///   - symbols: The symbols the batch asked for.
    ///   - failures: How many of them failed.
    ///   - duration: The batch's wall time.
    public func recordBatch(symbols: Int, failures: Int, duration: Duration) {
        events.batchFinished(symbols: symbols, failures: min(max(0, failures), symbols), duration: duration)
    }

    private func batch<Value: Sendable>(
        _ symbols: [String], maxConcurrency: Int?,
        _ fetch: @escaping @Sendable (String) async throws(BybitError) -> Value
    ) async -> BatchResult<Value> {
        let started = ContinuousClock.now
        let results = await fetchEachSymbol(symbols, maxConcurrency: maxConcurrency ?? configuration.maxConcurrentRequests, fetch)
        let entries = results.map { BatchResult<Value>.Entry(symbol: $0.symbol, result: $0.result) }
        let duration = started.duration(to: .now)
        events.batchFinished(symbols: entries.count, failures: entries.count { if case .failure = $0.result { true } else { false } }, duration: duration)
        return BatchResult(entries: entries, duration: duration)
    }
}
