import BybitSimulator
import LookoutBybit
@testable import LookoutCache
import Testing

/// A backend whose every operation fails, as Redis does when it is down.
struct FailingBackend: CacheBackend {
    var name: String { "redis" }
    func get(_ key: String) async throws(CacheBackendError) -> [UInt8]? { throw CacheBackendError(code: .unavailable, message: "connection refused") }
    func set(_ key: String, _ value: [UInt8], ttl: Duration) async throws(CacheBackendError) { throw CacheBackendError(code: .unavailable, message: "connection refused") }
    func delete(_ key: String) async throws(CacheBackendError) -> Bool { throw CacheBackendError(code: .unavailable, message: "connection refused") }
}

@Suite struct SingleFlightTests {
    static let callers = 100

    /// 100 concurrent callers of one missing chunk: one upstream request, with a working
    /// backend and with one that fails every operation.
    @Test(arguments: [false, true])
    func concurrentMissesShareOneUpstreamRequest(backendDown: Bool) async throws {
        var behavior = SimulatorBehavior()
        behavior.latency = .fixed(.milliseconds(400))
        try await withCacheFixture(behavior) { exchange in
            let client = try exchange.client()
            let backend: any CacheBackend = backendDown ? FailingBackend() : MemoryCacheBackend(clock: exchange.clock)
            let cache = CandleCache(backend: backend, clock: exchange.clock)
            let from = CandleCacheTests.rangeStart
            let to = from + 999 * CacheFixture.minute
            let results = try await withThrowingTaskGroup(of: [Kline].self) { group in
                for _ in 0..<Self.callers {
                    group.addTask { try await cache.candles(symbol: "XRPUSDT", interval: .oneMinute, from: from, to: to, upstream: client).rows }
                }
                return try await group.reduce(into: [[Kline]]()) { $0.append($1) }
            }
            #expect(exchange.requests == 1)
            #expect(results.count == Self.callers && results.allSatisfy { $0 == results[0] && $0.count == 1000 })
            #expect(cache.stats.upstreamRequests == 1)
            #expect(cache.health == (backendDown ? .degraded("cache backend unavailable: connection refused") : .ok))
        }
    }

    @Test func failuresAreSharedAndNotCached() async throws {
        try await withCacheFixture { exchange in
            let client = try exchange.client()
            let cache = exchange.memoryCache()
            await #expect(throws: BybitError.self) {
                try await cache.candles(symbol: "NOSUCHUSDT", interval: .oneMinute, from: CandleCacheTests.rangeStart,
                                        to: CandleCacheTests.rangeStart + 10 * CacheFixture.minute, upstream: client)
            }
            await #expect(throws: BybitError.self) {
                try await cache.candles(symbol: "NOSUCHUSDT", interval: .oneMinute, from: CandleCacheTests.rangeStart,
                                        to: CandleCacheTests.rangeStart + 10 * CacheFixture.minute, upstream: client)
            }
            #expect(exchange.requests == 2)
        }
    }
}
