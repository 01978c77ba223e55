import LookoutBybit

/// A ``BybitClient`` with a ``CandleCache`` in front: the same range, "latest N" and
/// multi-symbol calls, answered from the cache where possible and from Bybit otherwise.
/// Without a cache (`cache == nil`, `--cache off`) every call goes straight to the client.
///
/// ```swift
/// let cached = CachingCandleClient(client: try BybitClient(), cache: CandleCache(backend: MemoryCacheBackend()))
/// let page = try await cached.klines(symbol: "BTCUSDT", interval: .oneMinute, limit: 200)
/// print(cached.cacheStats?.candlesFromCache ?? 0)
/// ```
///
/// `Sendable`; share one per process.
public final class CachingCandleClient: Sendable {
    /// The Bybit client behind the cache.
    public let client: BybitClient
    /// The cache, or `nil` when caching is off.
    public let cache: CandleCache?

    /// Wraps `client` with `cache` (`nil`: no caching).
    public init(client: BybitClient, cache: CandleCache?) {
        self.client = client
        self.cache = cache
    }

    /// The cache's counts, or `nil` when caching is off.
    public var cacheStats: CandleCacheStats? { cache?.stats }

    /// See ``CandleCache/candles(category:symbol:interval:from:to:upstream:)``.
    public func candles(
        category: BybitCategory = .linear, symbol: String, interval: KlineInterval, from: Int64, to: Int64
    ) async throws(BybitError) -> KlineSeries<Kline> {
        guard let cache else { return try await client.candles(category: category, symbol: symbol, interval: interval, from: from, to: to) }
        return try await cache.candles(category: category, symbol: symbol, interval: interval, from: from, to: to, upstream: client)
    }

    /// The latest `limit` (1...1000) candles; see ``CandleCache/latest(category:symbol:interval:limit:upstream:)``.
    public func klines(category: BybitCategory = .linear, symbol: String, interval: KlineInterval, limit: Int = 200) async throws(BybitError) -> KlinePage<Kline> {
        guard let cache else { return try await client.klines(category: category, symbol: symbol, interval: interval, limit: limit) }
        return try await cache.latest(category: category, symbol: symbol, interval: interval, limit: limit, upstream: client)
    }

    /// Each symbol's latest `limit` candles, at most `maxConcurrency` symbols at a time;
    /// each symbol gets its own result, in the order given (duplicates fetched once).
    public func fetchMultipleSymbols(
        _ symbols: [String], category: BybitCategory = .linear, interval: KlineInterval, limit: Int = 200, maxConcurrency: Int = 8
    ) async -> [(symbol: String, result: Result<[Kline], BybitError>)] {
        await fetchEachSymbol(symbols, maxConcurrency: maxConcurrency) { (symbol) async throws(BybitError) in
            try await self.klines(category: category, symbol: symbol, interval: interval, limit: limit).rows
        }
    }

    /// Each symbol's candles in `from...to`; see ``fetchMultipleSymbols(_:category:interval:limit:maxConcurrency:)``.
    public func fetchMultipleSymbols(
        _ symbols: [String], category: BybitCategory = .linear, interval: KlineInterval, from: Int64, to: Int64, maxConcurrency: Int = 8
    ) async -> [(symbol: String, result: Result<[Kline], BybitError>)] {
        await fetchEachSymbol(symbols, maxConcurrency: maxConcurrency) { (symbol) async throws(BybitError) in
            try await self.candles(category: category, symbol: symbol, interval: interval, from: from, to: to).rows
        }
    }
}
