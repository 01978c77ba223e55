import Foundation
import Lookout
import LookoutBybit
@testable import LookoutCache
import LookoutRedis
import RedisTestSupport
import Testing

/// Redis failing in every way the issue lists, under a cache in front of the simulated
/// exchange: the caller always gets the exchange's candles, never an error from the cache,
/// never a wait past the command timeout, and the cache recovers by itself.
@Suite(.serialized) struct RedisFaultTests {
    static let from = CandleCacheTests.rangeStart
    static let to = from + 999 * CacheFixture.minute

    struct Setup {
        let server: RedisServerProcess
        let client: RedisClient
        let cache: CandleCache
        let registry: Registry
        let upstream: BybitClient
        let expected: [Kline]
        let exchange: CacheFixture

        /// One 1,000-candle range through the cache; it must equal the exchange's candles.
        func fetch(_ symbol: String = "BTCUSDT", sourceLocation: SourceLocation = #_sourceLocation) async throws -> KlineSeries<Kline> {
            let series = try await cache.candles(symbol: symbol, interval: .oneMinute, from: from, to: to, upstream: upstream)
            #expect(series.rows == expected, "wrong candles", sourceLocation: sourceLocation)
            return series
        }

        func backendErrors(_ code: String) -> Double {
            registry.sampleValue("candle_cache_backend_errors_total", labels: ["backend": "redis", "code": code]) ?? 0
        }
    }

    func withSetup(commandTimeout: Duration = .milliseconds(300), _ body: (Setup) async throws -> Void) async throws {
        let server = try await RedisServerProcess.start(["--save", "", "--appendonly", "no"])
        let client = try RedisCacheBackendTests.client(server, commandTimeout: commandTimeout)
        do {
            try await withCacheFixture { exchange in
                let upstream = try exchange.client()
                let registry = Registry()
                let cache = CandleCache(backend: RedisCacheBackend(client: client), clock: exchange.clock, metrics: try CandleCacheMetrics(registry: registry))
                let expected = try await upstream.candles(symbol: "BTCUSDT", interval: .oneMinute, from: Self.from, to: Self.to).rows
                try await body(Setup(server: server, client: client, cache: cache, registry: registry, upstream: upstream, expected: expected, exchange: exchange))
            }
        } catch {
            await client.shutdown()
            try? await server.stop()
            throw error
        }
        await client.shutdown()
        try await server.stop()
    }

    @Test func redisStoppedMidRunAndRestarted() async throws {
        try await withSetup { setup in
            _ = try await setup.fetch()
            #expect(try await setup.fetch().pages == 0)
            try await setup.server.stop()
            for _ in 0..<8 {  // past the breaker's threshold: later calls fail fast
                let started = ContinuousClock.now
                _ = try await setup.fetch()
                #expect(started.duration(to: .now) < .seconds(5))
            }
            guard case .degraded = setup.cache.health else { Issue.record("health should be degraded, is \(setup.cache.health)"); return }
            #expect(setup.registry.sampleValue("candle_cache_degraded") == 1)
            try await setup.server.restart()
            // Recovers by itself once the breaker lets a probe through: bounded in time and count.
            let deadline = ContinuousClock.now + .seconds(20)
            var recovered = false
            for _ in 0..<200 where ContinuousClock.now < deadline {
                if try await setup.fetch().pages == 0 { recovered = true; break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(recovered)
            #expect(setup.cache.health == .ok)
            #expect(setup.registry.sampleValue("candle_cache_degraded") == 0)
        }
    }

    @Test func flushAllIsAMissRefilledFromUpstream() async throws {
        try await withSetup { setup in
            _ = try await setup.fetch()
            try setup.server.cli("FLUSHALL")
            #expect(try await setup.fetch().pages == 1)
            #expect(try await setup.fetch().pages == 0)
        }
    }

    @Test func debugSleepPastTheTimeoutNeverDelaysTheCallerLonger() async throws {
        try await withSetup(commandTimeout: .milliseconds(200)) { setup in
            _ = try await setup.fetch()
            let sleeper = Task.detached { try? RedisTool.cli(setup.server.cliPrefix + ["DEBUG", "SLEEP", "4"]) }
            try await Task.sleep(for: .milliseconds(600))  // redis-cli may start slowly on a loaded machine
            let started = ContinuousClock.now
            _ = try await setup.fetch()  // the GET times out after 200 ms; served from upstream
            // Far less than Redis's 4 s sleep: the 200 ms timeout plus one upstream request.
            #expect(started.duration(to: .now) < .milliseconds(3000))
            #expect(setup.backendErrors("timeout") + setup.backendErrors("unavailable") >= 1)
            _ = await sleeper.value
        }
    }

    @Test func clientKillIsSurvived() async throws {
        try await withSetup { setup in
            _ = try await setup.fetch()
            try setup.server.cli("CLIENT", "KILL", "TYPE", "normal")
            for _ in 0..<3 { _ = try await setup.fetch() }
            #expect(try await setup.fetch().pages == 0)
        }
    }

    @Test func outOfMemoryWritesAreCountedAndCandlesStillServed() async throws {
        try await withSetup { setup in
            try setup.server.cli("CONFIG", "SET", "maxmemory-policy", "noeviction")
            try setup.server.cli("CONFIG", "SET", "maxmemory", "1")
            for _ in 0..<2 { #expect(try await setup.fetch().pages == 1) }
            #expect(setup.backendErrors("out_of_memory") == 2)
            try setup.server.cli("CONFIG", "SET", "maxmemory", "0")
            _ = try await setup.fetch()
            #expect(try await setup.fetch().pages == 0)
        }
    }

    @Test func foreignAndTruncatedValuesUnderOurKeyAreOverwritten() async throws {
        try await withSetup { setup in
            let key = "lookout:candles:v1:{linear:BTCUSDT:1}:1000:\(Self.from / 60_000_000)"
            try setup.server.cli("SET", key, "{\"seed\":\"zlib-json\"}")
            #expect(try await setup.fetch().pages == 1)
            let backend = RedisCacheBackend(client: setup.client)
            let stored = try #require(try await backend.get(key))
            try await backend.set(key, Array(stored.prefix(stored.count - 7)), ttl: .seconds(60))
            #expect(try await setup.fetch().pages == 1)
            try setup.server.cli("SET", key, "")
            #expect(try await setup.fetch().pages == 1)
            #expect(try await setup.fetch().pages == 0)
            #expect(setup.registry.sampleValue("candle_cache_misses_total", labels: ["backend": "redis", "reason": "corrupt"]) == 3)
            try setup.server.cli("DEL", key)
            try setup.server.cli("HSET", key, "field", "value")  // another type under our key: WRONGTYPE
            #expect(try await setup.fetch().pages == 1)
        }
    }
}
