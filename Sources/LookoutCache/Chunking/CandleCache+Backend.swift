import LookoutBybit

extension CandleCache {
    /// What the backend holds under `keys`, or `nil` if it failed (counted, degraded).
    func lookup(_ keys: [String]) async -> [CacheLookup]? {
        await recorded("get") { () async throws(CacheBackendError) -> [CacheLookup] in
            if let reporting = backend as? any ExpiryReportingCacheBackend {
                return try await reporting.lookup(keys)
            }
            return try await backend.get(keys).map { $0.map(CacheLookup.hit) ?? .absent }
        }
    }

    /// Writes `value` under `key`; a failure is counted and otherwise ignored.
    func store(_ key: String, _ value: [UInt8], ttl: Duration) async -> Bool {
        await recorded("set") { () async throws(CacheBackendError) in
            try await backend.set(key, value, ttl: ttl)
        } != nil
    }

    /// Runs one backend `operation` and records it: its duration, whether the backend
    /// works (degraded or not), and the memory backend's size. Returns `nil` if it failed.
    private func recorded<Value>(_ operation: String, _ body: () async throws(CacheBackendError) -> Value) async -> Value? {
        let started = ContinuousClock.now
        do throws(CacheBackendError) {
            let value = try await body()
            events.operation(operation, duration: started.duration(to: .now))
            events.backendSucceeded()
            if let memory = backend as? MemoryCacheBackend { events.memory(memory.statistics) }
            return value
        } catch {
            events.operation(operation, duration: started.duration(to: .now))
            events.backendFailed(error)
            return nil
        }
    }
}
