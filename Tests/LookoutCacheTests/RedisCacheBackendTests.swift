import Lookout
import LookoutBybit
@testable import LookoutCache
import LookoutRedis
import RedisTestSupport
import Testing

/// The Redis backend against a real `redis-server` on a free loopback port.
@Suite(.serialized) struct RedisCacheBackendTests {
    static func client(_ server: RedisServerProcess, commandTimeout: Duration = .milliseconds(300)) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: server.url)
        configuration.commandTimeout = commandTimeout
        configuration.connectTimeout = .milliseconds(300)
        return RedisClient(configuration: configuration)
    }

    @Test func passesTheBackendConformanceSuite() async throws {
        let server = try await RedisServerProcess.start(["--save", "", "--appendonly", "no"])
        let client = try Self.client(server)
        try await CacheBackendConformance(backend: RedisCacheBackend(client: client), prefix: "conformance",
                                          advance: { try await Task.sleep(for: $0) }, shortTTL: .milliseconds(700)).runAll()
        await client.shutdown()
        try await server.stop()
    }

    @Test func keysCarryTheVersionAndHashTagAndTTLsFollowTheRules() async throws {
        let server = try await RedisServerProcess.start(["--save", "", "--appendonly", "no"])
        let client = try Self.client(server)
        defer { Task { await client.shutdown() } }
        try await withCacheFixture { exchange in
            let upstream = try exchange.client()
            let cache = CandleCache(backend: RedisCacheBackend(client: client), clock: exchange.clock)
            let from = CandleCacheTests.rangeStart
            _ = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: from, to: from + 10 * CacheFixture.minute, upstream: upstream)
            _ = try await cache.latest(symbol: "BTCUSDT", interval: .oneMinute, limit: 10, upstream: upstream)
            let keys = try server.cli("--raw", "KEYS", "*").split(separator: "\n").map(String.init).sorted()
            let closedKey = "lookout:candles:v1:{linear:BTCUSDT:1}:1000:\(from / 60_000_000)"
            let openKey = "lookout:candles:v1:{linear:BTCUSDT:1}:1000:\(CacheFixture.now / 60_000_000)"
            #expect(keys == [closedKey, openKey].sorted())
            let closedTTL = Int(try server.cli("PTTL", closedKey).trimmingCharacters(in: .whitespacesAndNewlines))!
            let openTTL = Int(try server.cli("PTTL", openKey).trimmingCharacters(in: .whitespacesAndNewlines))!
            #expect(closedTTL > 6 * 86_400_000 && closedTTL <= 7 * 86_400_000)
            #expect(openTTL > 0 && openTTL <= 3_211)  // until 12:35:00 on the fixture's clock
            #expect(exchange.requests == 2)
            _ = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: from, to: from + 10 * CacheFixture.minute, upstream: upstream)
            #expect(exchange.requests == 2)
        }
        try await server.stop()
    }

    @Test func aRangeSpanningManyChunksIsOnePipelinedRead() async throws {
        let server = try await RedisServerProcess.start(["--save", "", "--appendonly", "no"])
        let client = try Self.client(server)
        try await withCacheFixture { exchange in
            let upstream = try exchange.client()
            let cache = CandleCache(backend: RedisCacheBackend(client: client), configuration: { var c = CandleCacheConfiguration(); c.chunkSize = 100; return c }(),
                                    clock: exchange.clock)
            let from = CandleCacheTests.rangeStart
            let to = from + 999 * CacheFixture.minute
            let first = try await cache.candles(symbol: "ETHUSDT", interval: .oneMinute, from: from, to: to, upstream: upstream)
            let second = try await cache.candles(symbol: "ETHUSDT", interval: .oneMinute, from: from, to: to, upstream: upstream)
            #expect(first.pages == 10 && second.pages == 0 && first.rows == second.rows && second.rows.count == 1000)
            #expect(exchange.requests == 10)
        }
        await client.shutdown()
        try await server.stop()
    }
}
