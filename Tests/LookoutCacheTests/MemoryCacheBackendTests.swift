import LookoutCache
import Testing

@Suite struct MemoryCacheBackendTests {
    @Test func passesTheBackendConformanceSuite() async throws {
        let clock = ManualCacheClock(milliseconds: 1_700_000_000_000)
        let backend = MemoryCacheBackend(maxBytes: 8 << 20, clock: clock)
        try await CacheBackendConformance(backend: backend, prefix: "memory", advance: { clock.advance(by: $0) }).runAll()
    }

    @Test func evictsTheLeastRecentlyUsedEntriesToStayWithinItsBytes() async {
        let entry = 100 + 2 + MemoryCacheBackend.entryOverhead  // value + "kN" key + overhead
        let backend = MemoryCacheBackend(maxBytes: 3 * entry, clock: ManualCacheClock(milliseconds: 0))
        let value = [UInt8](repeating: 7, count: 100)
        await backend.set("k1", value, ttl: .seconds(10))
        await backend.set("k2", value, ttl: .seconds(10))
        await backend.set("k3", value, ttl: .seconds(10))
        #expect(await backend.get("k1") != nil)  // k1 is now the most recently used
        await backend.set("k4", value, ttl: .seconds(10))
        #expect(await backend.get("k2") == nil)
        #expect(await backend.get(["k1", "k3", "k4"]).allSatisfy { $0 == value })
        #expect(backend.statistics == .init(entries: 3, bytes: 3 * entry, evictions: 1, expirations: 0))
        await backend.set("k5", [UInt8](repeating: 1, count: 200), ttl: .seconds(10))  // needs two slots
        #expect(backend.statistics.entries == 2)
        #expect(backend.statistics.bytes <= 3 * entry)
        #expect(backend.statistics.evictions == 3)
    }

    @Test func refusesValuesLargerThanTheBudgetAndDropsTheOldOne() async {
        let backend = MemoryCacheBackend(maxBytes: 1000, clock: ManualCacheClock(milliseconds: 0))
        await backend.set("big", [1], ttl: .seconds(10))
        await backend.set("big", [UInt8](repeating: 0, count: 1000), ttl: .seconds(10))
        #expect(await backend.get("big") == nil)
        #expect(backend.statistics.bytes == 0)
    }

    @Test func countsExpirationsAndReusesSlots() async {
        let clock = ManualCacheClock(milliseconds: 0)
        let backend = MemoryCacheBackend(maxBytes: 1 << 20, clock: clock)
        for round in 0..<100 {
            await backend.set("k\(round % 3)", [UInt8(round % 256)], ttl: .milliseconds(5))
            clock.advance(by: .milliseconds(10))
            #expect(await backend.get("k\(round % 3)") == nil)
        }
        #expect(backend.statistics.expirations == 100)
        #expect(backend.statistics.entries == 0 && backend.statistics.bytes == 0)
    }
}
