import LookoutBybit

/// A read-through cache of Bybit candles in front of a ``CandleUpstream`` (normally
/// ``BybitClient``), storing compact chunks (``CandleChunkCodec``) in a ``CacheBackend``
/// (memory or Redis).
///
/// A range is cut into interval-aligned chunks of ``CandleCacheConfiguration/chunkSize``
/// candles. Chunks found in the backend are decoded; only the missing ones are fetched,
/// each with one upstream request for the chunk's whole span, so a chunk is never stored
/// with a hole the exchange did not have. Closed chunks are kept for
/// ``CandleCacheConfiguration/closedChunkTTL`` (jittered); the chunk holding the open
/// candle follows ``CandleCacheConfiguration/openChunk``. Concurrent misses of one chunk
/// share one upstream request (single-flight, in-process, whatever the backend's state).
///
/// The cache never fails a call by itself: a backend error, timeout or damaged value is a
/// miss served from upstream (see ``health``); only upstream errors reach the caller.
/// Weekly and monthly candles are not chunked (their alignment is undocumented) and go
/// straight upstream.
///
/// ```swift
/// let cache = CandleCache(backend: MemoryCacheBackend())
/// let series = try await cache.candles(symbol: "BTCUSDT", interval: .fifteenMinutes,
///                                      from: start, to: end, upstream: bybit)
/// ```
///
/// `Sendable`; share one per process.
public final class CandleCache: Sendable {
    /// Where chunks are stored.
    public let backend: any CacheBackend
    /// The settings.
    public let configuration: CandleCacheConfiguration
    let clock: any CacheClock
    let events: CacheEvents
    let flights = SingleFlight<String, ChunkFetch, BybitError>()
    let decoded: DecodedChunks

    /// Creates a cache over `backend`.
    ///
    /// - Parameters:
    ///   - clock: wall time, deciding which candles are closed and TTLs (injectable).
    ///   - metrics: where to record ``CacheMetrics``; `nil` keeps only ``stats``.
    public init(backend: any CacheBackend, configuration: CandleCacheConfiguration = CandleCacheConfiguration(),
                clock: any CacheClock = SystemCacheClock(), metrics: CandleCacheMetrics? = nil) {
        self.backend = backend
        var configuration = configuration
        configuration.chunkSize = min(1000, max(1, configuration.chunkSize))
        configuration.ttlJitter = min(0.5, max(0, configuration.ttlJitter))
        self.configuration = configuration
        decoded = DecodedChunks(limit: max(0, configuration.decodedChunkLimit))
        self.clock = clock
        events = CacheEvents(metrics: metrics, backendName: backend.name)
    }

    /// Counts since creation: candles from cache and upstream, upstream requests, chunk
    /// hits and misses, backend errors.
    public var stats: CandleCacheStats { events.counters.snapshot }

    /// `ok`, or `degraded` while the backend's last operation failed.
    public var health: CacheHealth { events.health }

    /// Reads one key from the backend to refresh ``health`` (at start-up, and periodically
    /// while nothing else touches the backend); returns the new health.
    @discardableResult
    public func probe() async -> CacheHealth {
        _ = await lookup(["\(configuration.keyPrefix):probe"])
        return health
    }

    /// Trade-price candles with start times in `from...to`, from the cache where possible;
    /// same result as ``BybitClient/candles(category:symbol:interval:from:to:)``
    /// (ascending, open candle marked, ``BybitError/Code/noData`` when nothing exists).
    /// ``KlineSeries/pages`` is the number of upstream requests this call made.
    ///
    /// - Throws: ``BybitError`` from upstream only; never because of the cache.
    public func candles(
        category: BybitCategory = .linear, symbol: String, interval: KlineInterval, from: Int64, to: Int64, upstream: some CandleUpstream
    ) async throws(BybitError) -> KlineSeries<Kline> {
        guard let layout = ChunkLayout(interval: interval, size: configuration.chunkSize), from >= 0, from <= to else {
            events.miss(.bypass)
            let series = try await upstream.candles(category: category, symbol: symbol, interval: interval, from: from, to: to)
            events.upstream(requests: series.pages)
            events.served(fromCache: 0, fromUpstream: series.rows.count)
            return series
        }
        guard let range = layout.chunks(from: from, to: to) else {
            return KlineSeries(symbol: symbol, category: category, interval: interval, from: from, to: to, rows: [], pages: 0)
        }
        let keys = range.map { ChunkKey(category: category, symbol: symbol, interval: interval, size: layout.size, index: $0) }
        let rendered = keys.map { $0.render(prefix: configuration.keyPrefix) }
        var chunks = [CandleChunk?](repeating: nil, count: keys.count)
        var reasons = [CacheMissReason](repeating: .absent, count: keys.count)
        if let lookups = await lookup(rendered) {
            for (position, lookup) in lookups.enumerated() {
                let index = keys[position].index
                switch lookup {
                case .hit(let bytes):
                    if let known = decoded.chunk(rendered[position], bytes: bytes) {
                        chunks[position] = known
                        continue
                    }
                    do throws(ChunkDecodingFailure) {
                        let chunk = try CandleChunkCodec.decode(bytes, start: layout.start(ofChunk: index), interval: interval, capacity: layout.size)
                        decoded.remember(rendered[position], bytes: bytes, chunk: chunk)
                        chunks[position] = chunk
                    } catch {
                        reasons[position] = .corrupt
                    }
                case .absent: reasons[position] = .absent
                case .expired: reasons[position] = .expired
                }
            }
        } else {
            reasons = reasons.map { _ in .unavailable }
        }
        let hitCount = chunks.count { $0 != nil }
        events.hits(hitCount)
        var missing: [Int] = []
        for position in chunks.indices where chunks[position] == nil {
            missing.append(position)
            events.miss(hitCount > 0 && reasons[position] == .absent ? .partial : reasons[position])
        }
        var requests = 0
        var joined = 0
        if !missing.isEmpty {
            let fetched = try await fetch(missing.map { keys[$0] }, rendered: missing.map { rendered[$0] }, layout: layout, upstream: upstream)
            for (offset, position) in missing.enumerated() {
                chunks[position] = fetched[offset].chunk
                requests += fetched[offset].requests
                if fetched[offset].joined { joined += 1 }
            }
        }
        events.saved(requests: hitCount + joined)
        var rows: [Kline] = []
        var fromCache = 0
        for (position, chunk) in chunks.enumerated() {
            guard let chunk else { continue }
            let count = rows.append(chunk.rows, from: from, to: to)
            if !missing.contains(position) { fromCache += count }
        }
        events.served(fromCache: fromCache, fromUpstream: rows.count - fromCache)
        if rows.isEmpty {
            throw BybitError(
                code: .noData,
                message: "Bybit has no \(symbol) candles (interval \(interval)) from \(BybitTimestamp.format(from)) to \(BybitTimestamp.format(to)); the range is before the symbol's listing or after its delivery, or in the future",
                symbol: symbol)
        }
        return KlineSeries(symbol: symbol, category: category, interval: interval, from: from, to: to, rows: rows, pages: requests)
    }

    /// The latest `limit` candles (the open one last), like
    /// ``BybitClient/klines(category:symbol:interval:start:end:limit:)`` without `start`
    /// and `end`, served through the cache. ``KlinePage/serverTime`` is the cache's clock.
    ///
    /// - Parameter limit: 1...1000.
    public func latest(
        category: BybitCategory = .linear, symbol: String, interval: KlineInterval, limit: Int, upstream: some CandleUpstream
    ) async throws(BybitError) -> KlinePage<Kline> {
        guard (1...1000).contains(limit) else {
            throw BybitError(code: .invalidArgument, message: "limit \(limit) is outside 1...1000", symbol: symbol)
        }
        let now = clock.nowMilliseconds()
        guard let length = interval.milliseconds, ChunkLayout(interval: interval, size: configuration.chunkSize) != nil else {
            events.miss(.bypass)
            let page = try await upstream.klines(category: category, symbol: symbol, interval: interval, start: nil, end: nil, limit: limit)
            events.upstream(requests: 1)
            events.served(fromCache: 0, fromUpstream: page.rows.count)
            return page
        }
        let current = now / length * length
        let series = try await candles(category: category, symbol: symbol, interval: interval,
                                       from: max(0, current - Int64(limit - 1) * length), to: current, upstream: upstream)
        return KlinePage(symbol: symbol, category: category, interval: interval, serverTime: now, rows: Array(series.rows.suffix(limit)))
    }
}
