import LookoutBybit

extension CandleCache {
    /// What the backend holds under `keys`, or `nil` if it failed (counted, degraded).
    func lookup(_ keys: [String]) async -> [CacheLookup]? {
        let started = ContinuousClock.now
        do throws(CacheBackendError) {
            let lookups: [CacheLookup]
            if let reporting = backend as? any ExpiryReportingCacheBackend {
                lookups = try await reporting.lookup(keys)
            } else {
                lookups = try await backend.get(keys).map { $0.map(CacheLookup.hit) ?? .absent }
            }
            events.operation("get", duration: started.duration(to: .now))
            events.backendSucceeded()
            if let memory = backend as? MemoryCacheBackend { events.memory(memory.statistics) }
            return lookups
        } catch {
            events.operation("get", duration: started.duration(to: .now))
            events.backendFailed(error)
            return nil
        }
    }

    /// Writes `value` under `key`; a failure is counted and otherwise ignored.
    func store(_ key: String, _ value: [UInt8], ttl: Duration) async -> Bool {
        let started = ContinuousClock.now
        do throws(CacheBackendError) {
            try await backend.set(key, value, ttl: ttl)
            events.operation("set", duration: started.duration(to: .now))
            events.backendSucceeded()
            if let memory = backend as? MemoryCacheBackend { events.memory(memory.statistics) }
            return true
        } catch {
            events.operation("set", duration: started.duration(to: .now))
            events.backendFailed(error)
            return false
        }
    }
}
