import LookoutBybit
import LookoutCache

extension FetchCommand {
    /// Every symbol's candles through the cache, or its error, in the order given.
    static func fetch(_ options: FetchOptions, cached: CachingCandleClient) async -> [(String, Result<[Kline], BybitError>)] {
        switch options.selection {
        case .latest(let limit):
            return await cached.fetchMultipleSymbols(options.symbols, category: options.category, interval: options.interval,
                                                     limit: limit, maxConcurrency: options.concurrency).map { ($0.symbol, $0.result) }
        case .range(let from, let to):
            return await cached.fetchMultipleSymbols(options.symbols, category: options.category, interval: options.interval,
                                                     from: from, to: to, maxConcurrency: options.concurrency).map { ($0.symbol, $0.result) }
        }
    }

    /// Checks a Redis cache once before fetching; unreachable is a warning, not a failure.
    static func probeCache(_ cache: CandleCache?, options: CacheOptions) async {
        guard let cache, case .redis = options.backend else { return }
        if case .degraded(let reason) = await cache.probe() {
            StandardError.write("lookout fetch: warning: the Redis cache at \(options.summary) is unreachable (\(reason)); fetching from Bybit\n")
        }
    }

    /// `cache memory: 600 candles from the cache, 0 requests upstream`.
    static func cacheSummary(_ stats: CandleCacheStats, options: CacheOptions) -> String {
        let degraded = stats.backendErrors > 0 ? " (\(stats.backendErrors) cache errors, served from Bybit)" : ""
        return "cache \(options.summary): \(stats.candlesFromCache) candle\(stats.candlesFromCache == 1 ? "" : "s") from the cache, "
            + "\(stats.upstreamRequests) request\(stats.upstreamRequests == 1 ? "" : "s") upstream\(degraded)\n"
    }
}
