import BybitSimulator
import Lookout
import LookoutBybit
@testable import LookoutCache
import LookoutTesting
import Testing

@Suite struct CandleCacheTests {
    static let minute = CacheFixture.minute
    /// Three whole closed 1,000-minute chunks, well before "now".
    static let chunkSpan = 1000 * minute
    static let rangeStart = (CacheFixture.now / chunkSpan - 10) * chunkSpan

    @Test func aRepeatedRangeIsServedFromTheCacheWithTheClientsCandles() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let cache = exchange.memoryCache()
            let to = Self.rangeStart + 3 * Self.chunkSpan - Self.minute
            let direct = try await client.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to)
            let before = exchange.requests
            let first = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to, upstream: client)
            #expect(exchange.requests - before == 3)
            #expect(first.rows == direct.rows && first.pages == 3)
            let second = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to, upstream: client)
            #expect(exchange.requests - before == 3)
            #expect(second.rows == direct.rows && second.pages == 0)
            #expect(cache.stats.candlesFromCache == 3000)
            #expect(cache.stats.chunkHits == 3 && cache.stats.chunkMisses == 3)
        }
    }

    @Test func partialHitsFetchOnlyTheMissingChunks() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let cache = exchange.memoryCache()
            let middle = Self.rangeStart + Self.chunkSpan
            _ = try await cache.candles(symbol: "ETHUSDT", interval: .oneMinute, from: middle + 5 * Self.minute, to: middle + 20 * Self.minute, upstream: client)
            let before = exchange.requests
            // A range from inside chunk 0 to inside chunk 2: chunks 0 and 2 are fetched.
            let from = Self.rangeStart + 500 * Self.minute + 1
            let to = Self.rangeStart + 2 * Self.chunkSpan + 10 * Self.minute
            let series = try await cache.candles(symbol: "ETHUSDT", interval: .oneMinute, from: from, to: to, upstream: client)
            #expect(exchange.requests - before == 2)
            #expect(series.pages == 2)
            let direct = try await client.candles(symbol: "ETHUSDT", interval: .oneMinute, from: from, to: to)
            #expect(series.rows == direct.rows)
            #expect(series.rows.first?.startTime == Self.rangeStart + 501 * Self.minute)  // a mid-candle `from` skips that candle
            #expect(cache.stats.candlesFromCache == 1000)
        }
    }

    @Test func theOpenChunkIsCachedOnlyUntilTheOpenCandleCloses() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let cache = exchange.memoryCache { $0.openChunk = .untilCandleCloses(atMost: .seconds(3600)) }
            let before = exchange.requests
            let first = try await cache.latest(symbol: "SOLUSDT", interval: .oneMinute, limit: 200, upstream: client)
            let direct = try await client.klines(symbol: "SOLUSDT", interval: .oneMinute, limit: 200)
            #expect(first.rows == direct.rows)
            #expect(first.rows.count == 200 && first.rows.last?.isClosed == false && first.rows.dropLast().allSatisfy(\.isClosed))
            exchange.advance(by: .seconds(2))
            _ = try await cache.latest(symbol: "SOLUSDT", interval: .oneMinute, limit: 200, upstream: client)
            #expect(exchange.requests - before == 2)  // the first call and the direct one
            exchange.advance(by: .seconds(2))  // 12:35:00.789: the 12:34 candle has closed
            let next = try await cache.latest(symbol: "SOLUSDT", interval: .oneMinute, limit: 200, upstream: client)
            #expect(exchange.requests - before == 3)
            #expect(next.rows.last?.startTime == direct.rows.last!.startTime + Self.minute)
            let directNext = try await client.klines(symbol: "SOLUSDT", interval: .oneMinute, limit: 200)
            #expect(next.rows == directNext.rows)
        }
    }

    @Test func withOpenChunksNotCachedEveryLatestCallGoesUpstream() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let cache = exchange.memoryCache { $0.openChunk = .notCached }
            for _ in 0..<3 { _ = try await cache.latest(symbol: "BTCUSDT", interval: .fifteenMinutes, limit: 100, upstream: client) }
            #expect(exchange.requests == 3)
        }
    }

    @Test func closedChunksLiveForTheirJitteredTTL() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let cache = exchange.memoryCache { $0.closedChunkTTL = .seconds(86_400); $0.ttlJitter = 0.1 }
            let to = Self.rangeStart + Self.chunkSpan - Self.minute
            _ = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to, upstream: client)
            exchange.clock.advance(by: .seconds(86_400 * 89 / 100))  // before the shortest jittered TTL
            _ = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to, upstream: client)
            #expect(exchange.requests == 1)
            exchange.clock.advance(by: .seconds(86_400 * 12 / 100))  // past the full TTL
            _ = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to, upstream: client)
            #expect(exchange.requests == 2)
        }
    }

    @Test func ttlRulesForOpenAndClosedChunks() {
        let clock = ManualCacheClock(milliseconds: CacheFixture.now)
        var configuration = CandleCacheConfiguration()
        configuration.ttlJitter = 0
        configuration.openChunk = .untilCandleCloses(atMost: .seconds(30))
        let cache = CandleCache(backend: MemoryCacheBackend(clock: clock), configuration: configuration, clock: clock)
        let layout = ChunkLayout(interval: .oneMinute, size: 1000)!
        let current = CacheFixture.now / layout.span
        let closed = CandleChunk(start: layout.start(ofChunk: current - 1), interval: .oneMinute, capacity: 1000, rows: [])
        #expect(cache.timeToLive(of: closed, layout: layout, index: current - 1) == configuration.closedChunkTTL)
        let open = CandleChunk(start: layout.start(ofChunk: current), interval: .oneMinute, capacity: 1000, rows: [])
        #expect(cache.timeToLive(of: open, layout: layout, index: current) == .milliseconds(3211))  // until 12:35:00.000
        clock.set(CacheFixture.now / 60_000 * 60_000 + 1)
        #expect(cache.timeToLive(of: open, layout: layout, index: current) == .seconds(30))  // capped
        var never = configuration
        never.openChunk = .notCached
        #expect(CandleCache(backend: MemoryCacheBackend(clock: clock), configuration: never, clock: clock).timeToLive(of: open, layout: layout, index: current) == nil)
    }

    @Test func rangesBeforeTheListingFailLikeTheClientAndAreRememberedAsEmpty() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let cache = exchange.memoryCache()
            let from: Int64 = 1_500_000_000_000 / Self.chunkSpan * Self.chunkSpan  // 2017, before every listing
            for _ in 0..<2 {
                await #expect(throws: BybitError.self) {
                    try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: from, to: from + 10 * Self.minute, upstream: client)
                }
            }
            #expect(exchange.requests == 1)
        }
    }

    @Test func weeksAndMonthsBypassTheCache() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let cache = exchange.memoryCache()
            for _ in 0..<2 { _ = try await cache.latest(symbol: "BTCUSDT", interval: .week, limit: 10, upstream: client) }
            #expect(exchange.requests == 2)
            #expect(cache.stats.chunkMisses == 2 && cache.stats.chunkHits == 0)
        }
    }

    @Test func aForeignOrTruncatedValueIsAMissThatGetsOverwritten() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let registry = Registry()
            let backend = MemoryCacheBackend(clock: exchange.clock)
            let cache = CandleCache(backend: backend, clock: exchange.clock, metrics: try CandleCacheMetrics(registry: registry))
            let to = Self.rangeStart + Self.chunkSpan - Self.minute
            let key = ChunkKey(category: .linear, symbol: "BTCUSDT", interval: .oneMinute, size: 1000, index: Self.rangeStart / Self.chunkSpan)
                .render(prefix: cache.configuration.keyPrefix)
            #expect(key == "lookout:candles:v1:{linear:BTCUSDT:1}:1000:\(Self.rangeStart / Self.chunkSpan)")
            let direct = try await client.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to)
            await backend.set(key, Array("{\"seed\":\"json\"}".utf8), ttl: .seconds(60))
            #expect(try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to, upstream: client).rows == direct.rows)
            let good = try #require(await backend.get(key))
            await backend.set(key, Array(good.prefix(good.count / 2)), ttl: .seconds(60))
            #expect(try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to, upstream: client).rows == direct.rows)
            #expect(try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.rangeStart, to: to, upstream: client).rows == direct.rows)
            #expect(exchange.requests == 3)  // direct + two refetches; the third call hit
            #expect(registry.sampleValue("candle_cache_misses_total", labels: ["backend": "memory", "reason": "corrupt"]) == 2)
            #expect(registry.sampleValue("candle_cache_hits_total", labels: ["backend": "memory"]) == 1)
            #expect(registry.sampleValue("candle_cache_memory_entries") == 1)
            #expect(cache.health == .ok)
        }
    }
}
