import LookoutBybit

extension CandleCache {
    /// The candles of `from...to` when every chunk they fall in is held in memory right now
    /// (a ``MemoryCacheBackend``), read without suspending; `nil` otherwise (another
    /// backend, a chunk absent, expired or unreadable, or no candles), in which case call
    /// ``candles(category:symbol:interval:from:to:upstream:)``.
    ///
    /// A non-`nil` answer is what `candles` would return for the same cache state, and is
    /// counted the same way (hits, upstream requests saved, candles served, the backend
    /// read); a `nil` one counts nothing, so the fallback's own counting stays exact. For
    /// HTTP handlers that can answer a cache hit on the event loop, without a task.
    public func cachedCandles(
        category: BybitCategory = .linear, symbol: String, interval: KlineInterval, from: Int64, to: Int64
    ) -> KlineSeries<Kline>? {
        guard let memory = backend as? MemoryCacheBackend,
              let layout = ChunkLayout(interval: interval, size: configuration.chunkSize), from >= 0, from <= to,
              let range = layout.chunks(from: from, to: to)
        else { return nil }
        let started = ContinuousClock.now
        var chunks: [CandleChunk] = []
        chunks.reserveCapacity(range.count)
        for index in range {
            let key = ChunkKey(category: category, symbol: symbol, interval: interval, size: layout.size, index: index)
                .render(prefix: configuration.keyPrefix)
            guard case .hit(let bytes) = memory.lookupNow(key) else { return nil }
            if let known = decoded.chunk(key, bytes: bytes) {
                chunks.append(known)
                continue
            }
            guard let chunk = try? CandleChunkCodec.decode(bytes, start: layout.start(ofChunk: index), interval: interval, capacity: layout.size)
            else { return nil }
            decoded.remember(key, bytes: bytes, chunk: chunk)
            chunks.append(chunk)
        }
        var rows: [Kline] = []
        for chunk in chunks { rows.append(chunk.rows, from: from, to: to) }
        guard !rows.isEmpty else { return nil }
        events.operation("get", duration: started.duration(to: .now))
        events.backendSucceeded()
        events.memory(memory.statistics)
        events.hits(chunks.count)
        events.saved(requests: chunks.count)
        events.served(fromCache: rows.count, fromUpstream: 0)
        return KlineSeries(symbol: symbol, category: category, interval: interval, from: from, to: to, rows: rows, pages: 0)
    }

    /// The latest `limit` candles like ``latest(category:symbol:interval:limit:upstream:)``
    /// when all of them are held in memory right now; `nil` otherwise (see
    /// ``cachedCandles(category:symbol:interval:from:to:)``).
    public func cachedLatest(category: BybitCategory = .linear, symbol: String, interval: KlineInterval, limit: Int) -> KlinePage<Kline>? {
        guard (1...1000).contains(limit), let length = interval.milliseconds else { return nil }
        let now = clock.nowMilliseconds()
        let current = now / length * length
        guard let series = cachedCandles(category: category, symbol: symbol, interval: interval,
                                         from: max(0, current - Int64(limit - 1) * length), to: current)
        else { return nil }
        return KlinePage(symbol: symbol, category: category, interval: interval, serverTime: now, rows: Array(series.rows.suffix(limit)))
    }
}
