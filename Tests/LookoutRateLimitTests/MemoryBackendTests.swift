import Testing
@testable import LookoutRateLimit

@Suite("In-memory backend: conformance, concurrency, expiry, bounded memory")
struct MemoryBackendTests {
    @Test func passesTheConformanceSuite() async throws {
        try await BackendConformance.run(MemoryRateLimitBackend())
    }

    @Test func passesTheConformanceSuiteWithOneShard() async throws {
        try await BackendConformance.run(MemoryRateLimitBackend(shards: 1))
    }

    @Test func threadsOnOneKeyGetExactlyTheLimitPerWindow() async throws {
        let clock = ManualRateLimitClock(microseconds: 1_000 * 60_000_000)
        let backend = MemoryRateLimitBackend(clock: .manual(clock))
        let limit = try RateLimit.perMinute(50)
        for window in 0..<3 {
            let admitted = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        (0..<40).count { _ in backend.decideNow(key: "ip:1", limit: limit, cost: 1).isAllowed }
                    }
                }
                return await group.reduce(0, +)
            }
            // Window 0 starts empty; later windows begin two windows after the last burst.
            #expect(admitted == 50, "window \(window)")
            clock.advance(by: .seconds(120))
        }
    }

    @Test func idleKeysExpire() throws {
        let clock = ManualRateLimitClock(microseconds: 1_000 * 60_000_000)
        let backend = MemoryRateLimitBackend(shards: 4, clock: .manual(clock))
        let sliding = try RateLimit.perMinute(10)
        let gcra = try RateLimit(limit: 10, window: .seconds(10), algorithm: .gcra)
        for index in 0..<100 { _ = backend.decideNow(key: "s\(index)", limit: sliding, cost: 1) }
        for index in 0..<100 { _ = backend.decideNow(key: "g\(index)", limit: gcra, cost: 1) }
        #expect(backend.keyCount == 200)
        clock.advance(by: .seconds(2))
        backend.sweep()
        #expect(backend.keyCount == 100, "GCRA keys are forgotten once their bucket is full again (1 s)")
        clock.advance(by: .seconds(60))
        backend.sweep()
        #expect(backend.keyCount == 100, "sliding keys stay while the previous window still counts")
        clock.advance(by: .seconds(60))
        backend.sweep()
        #expect(backend.keyCount == 0)
    }

    @Test func sweepsOnTheirOwnAsKeysArrive() throws {
        let clock = ManualRateLimitClock(microseconds: 1_000 * 60_000_000)
        let backend = MemoryRateLimitBackend(shards: 1, clock: .manual(clock))
        let limit = try RateLimit(limit: 1, window: .seconds(1))
        for round in 0..<20 {
            for index in 0..<1_000 { _ = backend.decideNow(key: "r\(round)k\(index)", limit: limit, cost: 1) }
            clock.advance(by: .seconds(3))
        }
        #expect(backend.keyCount <= 2_000, "expired keys are swept as new ones arrive, got \(backend.keyCount)")
    }

    @Test func aFloodOfDistinctKeysStaysBoundedAndLimitedTogether() throws {
        let clock = ManualRateLimitClock(microseconds: 1_000 * 60_000_000)
        let backend = MemoryRateLimitBackend(shards: 4, maxKeys: 1_000, clock: .manual(clock))
        let limit = try RateLimit.perMinute(5)
        var admitted = 0
        for index in 0..<100_000 where backend.decideNow(key: "spoofed-\(index)", limit: limit, cost: 1).isAllowed {
            admitted += 1
        }
        #expect(backend.keyCount == 1_000)
        // 1,000 tracked keys once each, plus one shared overflow state per shard (5 each).
        #expect(admitted == 1_000 + 4 * 5)
        #expect(backend.overflowDecisions == 99_000)
    }
}
