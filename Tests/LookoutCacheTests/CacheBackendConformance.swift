import LookoutCache
import Testing

/// The behaviour every ``CacheBackend`` must have, run against the memory backend and a
/// real Redis. `advance` moves the backend's clock past a TTL (a manual clock for memory,
/// a real sleep for Redis); keys are prefixed so runs never see each other's values.
struct CacheBackendConformance {
    let backend: any CacheBackend
    let prefix: String
    let advance: @Sendable (Duration) async throws -> Void
    /// The TTL the expiry case uses: short for a manual clock, long enough for a loaded
    /// machine to write and read it back for a real one.
    var shortTTL: Duration = .milliseconds(100)

    func runAll() async throws {
        try await absentKeysReadAsNil()
        try await valuesRoundTripUnchanged()
        try await setReplaces()
        try await deleteSaysWhetherTheKeyWasThere()
        try await entriesExpireAfterTheirTTL()
        try await batchedReadsKeepTheOrder()
        try await concurrentWritersAndReadersSeeWholeValues()
    }

    private func key(_ name: String) -> String { "\(prefix):\(name)" }

    func absentKeysReadAsNil() async throws {
        #expect(try await backend.get(key("absent")) == nil)
    }

    func valuesRoundTripUnchanged() async throws {
        let values: [[UInt8]] = [[], [0], [0, 0xFF, 0x0D, 0x0A, 0], Array(0...255), (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }]
        for (index, value) in values.enumerated() {
            try await backend.set(key("value\(index)"), value, ttl: .seconds(60))
            #expect(try await backend.get(key("value\(index)")) == value, "value \(index) of \(value.count) bytes")
        }
    }

    func setReplaces() async throws {
        try await backend.set(key("replace"), [1, 2, 3], ttl: .seconds(60))
        try await backend.set(key("replace"), [4], ttl: .seconds(60))
        #expect(try await backend.get(key("replace")) == [4])
    }

    func deleteSaysWhetherTheKeyWasThere() async throws {
        try await backend.set(key("delete"), [1], ttl: .seconds(60))
        #expect(try await backend.delete(key("delete")) == true)
        #expect(try await backend.get(key("delete")) == nil)
        #expect(try await backend.delete(key("delete")) == false)
    }

    func entriesExpireAfterTheirTTL() async throws {
        try await backend.set(key("long"), [2], ttl: .seconds(60))
        try await backend.set(key("refreshed"), [3], ttl: shortTTL)
        try await backend.set(key("refreshed"), [4], ttl: .seconds(60))
        try await backend.set(key("short"), [1], ttl: shortTTL)
        #expect(try await backend.get(key("short")) == [1])
        try await advance(shortTTL * 3)
        #expect(try await backend.get(key("short")) == nil)
        #expect(try await backend.get(key("long")) == [2])
        #expect(try await backend.get(key("refreshed")) == [4])
    }

    func batchedReadsKeepTheOrder() async throws {
        try await backend.set(key("b1"), [1], ttl: .seconds(60))
        try await backend.set(key("b3"), [3], ttl: .seconds(60))
        #expect(try await backend.get([key("b1"), key("b2"), key("b3")]) == [[1], nil, [3]])
        #expect(try await backend.get([String]()) == [])
    }

    /// 20 tasks × 25 rounds write values that carry their own checksum; every read is
    /// either absent or one complete written value.
    func concurrentWritersAndReadersSeeWholeValues() async throws {
        let backend = self.backend
        let keys = (0..<5).map { key("shared\($0)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<20 {
                group.addTask {
                    for round in 0..<25 {
                        let key = keys[(task + round) % keys.count]
                        let body = (0..<200).map { UInt8(truncatingIfNeeded: $0 &+ task &* 7 &+ round) }
                        try await backend.set(key, body + [body.reduce(0, &+)], ttl: .seconds(60))
                        if let read = try await backend.get(keys[(task * 3 + round) % keys.count]) {
                            #expect(read.count == 201 && read.dropLast().reduce(0, &+) == read.last)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
