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

    private func batch<Value: Sendable>(
        _ symbols: [String], maxConcurrency: Int?,
        _ fetch: @escaping @Sendable (String) async throws(BybitError) -> Value
    ) async -> BatchResult<Value> {
        let started = ContinuousClock.now
        var seen: Set<String> = []
        let unique = symbols.filter { seen.insert($0).inserted }
        let parallel = max(1, maxConcurrency ?? configuration.maxConcurrentRequests)
        var results = [Result<Value, BybitError>?](repeating: nil, count: unique.count)
        await withTaskGroup(of: (Int, Result<Value, BybitError>).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask {
                    do throws(BybitError) { return (index, .success(try await fetch(unique[index]))) } catch { return (index, .failure(error)) }
                }
            }
            while next < unique.count && next < parallel { launch() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < unique.count { launch() }
            }
        }
        let entries = zip(unique, results).map { BatchResult<Value>.Entry(symbol: $0, result: $1!) }
        let duration = started.duration(to: .now)
        events.batchFinished(symbols: unique.count, failures: entries.count { if case .failure = $0.result { true } else { false } }, duration: duration)
        return BatchResult(entries: entries, duration: duration)
    }
}
