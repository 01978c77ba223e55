import LookoutCache
import LookoutHTTP
import Synchronization

/// The `cache` component of `lookout serve`'s health: `ok`, or `degraded` while the cache
/// backend (Redis) fails and candles come from upstream and memory. A background probe
/// reads the backend every few seconds so the status follows Redis even without traffic.
final class CacheHealthCheck: HealthCheck {
    let name = "cache"
    /// The cache the service serves candles through.
    let cache: CandleCache
    private let backendSummary: String
    private let prober = Mutex<Task<Void, Never>?>(nil)

    init(cache: CandleCache, backendSummary: String) {
        self.cache = cache
        self.backendSummary = backendSummary
    }

    func health() -> ComponentHealth {
        switch cache.health {
        case .ok: ComponentHealth(.ok, detail: backendSummary)
        case .degraded(let reason): ComponentHealth(.degraded, detail: "\(backendSummary) failing, serving from upstream and memory: \(reason)")
        }
    }

    /// Probes the backend every `interval` until ``stop()``.
    func startProbing(every interval: Duration) {
        let cache = self.cache
        let task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                await cache.probe()
            }
        }
        prober.withLock { $0 = task }
    }

    /// Stops the background probe.
    func stop() {
        prober.withLock { $0?.cancel() }
    }
}

extension LookoutService {
    /// Creates the candle cache `options` ask for, registers its metrics and its `cache`
    /// health component, and checks a Redis backend once: unreachable is logged as a
    /// warning and the service starts degraded. `nil` when the cache is off.
    func attachCache(_ options: CacheOptions, logger: Logger) async throws(ServeError) -> CacheHealthCheck? {
        let metrics: CandleCacheMetrics
        do {
            metrics = try CandleCacheMetrics(registry: registry)
        } catch {
            throw ServeError("cannot register the cache metrics: \(error)")
        }
        guard let cache = options.makeCache(metrics: metrics, registry: registry) else { return nil }
        let check = CacheHealthCheck(cache: cache, backendSummary: options.summary)
        klines.use(cache)
        health.register(check)
        if case .redis = options.backend, case .degraded(let reason) = await cache.probe() {
            logger.log(.warning, "cache backend unreachable; starting degraded", [LogField("cache", options.summary), LogField("error", reason)])
        }
        check.startProbing(every: .seconds(5))
        return check
    }
}
