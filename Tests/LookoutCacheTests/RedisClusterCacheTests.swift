import LookoutBybit
@testable import LookoutCache
import LookoutRedis
import RedisTestSupport
import Testing

/// The cache on a real 3-primary, 3-replica Redis Cluster: chunks of several series spread
/// over the nodes, a range's chunks read in one pipeline from their hash tag's node.
@Suite(.serialized) struct RedisClusterCacheTests {
    @Test func rangesRoundTripThroughACluster() async throws {
        let cluster = try await RedisClusterProcess.start()
        var configuration = try RedisConfiguration(url: cluster.url)
        configuration.commandTimeout = .seconds(1)
        let client = RedisClient(configuration: configuration)
        do {
            try await CacheBackendConformance(backend: RedisCacheBackend(client: client), prefix: "{cluster}",
                                              advance: { try await Task.sleep(for: $0) }, shortTTL: .milliseconds(700)).runAll()
            try await withCacheFixture { exchange in
                let upstream = try exchange.client()
                var settings = CandleCacheConfiguration()
                settings.chunkSize = 200
                let cache = CandleCache(backend: RedisCacheBackend(client: client), configuration: settings, clock: exchange.clock)
                let from = CandleCacheTests.rangeStart
                let to = from + 999 * CacheFixture.minute
                var expected: [String: [Kline]] = [:]
                for symbol in ["BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"] {
                    expected[symbol] = try await upstream.candles(symbol: symbol, interval: .oneMinute, from: from, to: to).rows
                    let first = try await cache.candles(symbol: symbol, interval: .oneMinute, from: from, to: to, upstream: upstream)
                    #expect(first.rows == expected[symbol] && first.pages == 5)
                }
                let before = exchange.requests
                for symbol in expected.keys.sorted() {
                    let again = try await cache.candles(symbol: symbol, interval: .oneMinute, from: from, to: to, upstream: upstream)
                    #expect(again.rows == expected[symbol] && again.pages == 0)
                }
                #expect(exchange.requests == before)
                #expect(cache.health == .ok)
            }
        } catch {
            await client.shutdown()
            try? await cluster.stop()
            throw error
        }
        await client.shutdown()
        try await cluster.stop()
    }
}
