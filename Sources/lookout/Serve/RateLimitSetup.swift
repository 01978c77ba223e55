import Lookout
import LookoutHTTP
import LookoutRateLimit
import LookoutRedis
import Synchronization

/// Rate limiting as `lookout serve` runs it: the limiter built from ``RateLimitSettings``,
/// its middleware, its metrics, and a task refreshing the gauges once a second.
final class RateLimitSetup: Sendable {
    let middleware: RateLimitMiddleware
    let metrics: RateLimitMetricsObserver
    /// The adaptive controller when `adaptive` is on: the Bybit client reports 10006 and
    /// bans to it, as the server's own load does.
    let adaptive: AdaptiveController?
    private let memory: MemoryRateLimitBackend?
    private let redis: RedisClient?
    private let refresher = Mutex<Task<Void, Never>?>(nil)

    /// Builds the limiter for `settings`, registering its metrics in `registry`.
    ///
    /// - Parameters:
    ///   - maxConnections: The server's connection limit; adaptive limits treat more than
    ///     80 % of it in flight as pressure.
    /// - Throws: ``ServeError`` if the metrics cannot be registered or the settings are invalid.
    init(settings: RateLimitSettings, maxConnections: Int, registry: Registry, logger: Logger?) throws(ServeError) {
        do {
            let policies = try settings.policies()
            let metrics = try RateLimitMetricsObserver(registry: registry, policies: policies.map(\.name))
            var adaptive: AdaptiveController?
            if settings.adaptive {
                adaptive = AdaptiveController(maxInFlight: max(1, maxConnections * 4 / 5), latencyTarget: .seconds(1)) { source, action in
                    metrics.pressureSignal(source)
                    if case .decreased(let share) = action {
                        logger?.log(.warning, "rate limits lowered", [LogField("source", source.rawValue), LogField("share", share)])
                    }
                }
            }
            let backend = try Self.backend(settings, registry: registry, metrics: metrics, logger: logger)
            memory = backend as? MemoryRateLimitBackend
            redis = (backend as? RedisRateLimitBackend)?.client
            let limiter = try RateLimiter(policies: policies, backend: backend, adaptive: adaptive, observer: metrics)
            middleware = RateLimitMiddleware(limiter: limiter, resolver: try settings.resolver(), excludedPaths: Set(settings.excludedPaths))
            self.metrics = metrics
            self.adaptive = adaptive
            metrics.updateLimits(of: limiter)
        } catch let error as RateLimitConfigurationError {
            throw ServeError("rate_limit: \(error.message)")
        } catch {
            throw ServeError("cannot register rate-limit metrics: \(error)")
        }
    }

    /// The setup for `settings`, or `nil` when rate limiting is off.
    static func make(_ settings: ServeSettings, registry: Registry, logger: Logger?) throws(ServeError) -> RateLimitSetup? {
        guard let rateLimit = settings.rateLimit else { return nil }
        return try RateLimitSetup(settings: rateLimit, maxConnections: settings.maxConnections, registry: registry, logger: logger)
    }

    private static func backend(_ settings: RateLimitSettings, registry: Registry, metrics: RateLimitMetricsObserver,
                                logger: Logger?) throws -> any RateLimitBackend
    {
        guard settings.backend != "memory" else { return MemoryRateLimitBackend() }
        let configuration: RedisConfiguration
        do {
            configuration = try RedisConfiguration(url: settings.backend)
        } catch {
            throw RateLimitConfigurationError("backend: \(error)")
        }
        let mode: RedisRateLimitBackend.FailureMode = settings.onBackendFailure == .failOpen ? .failOpen : .fallbackMemory
        let redacted = configuration.redactedURL
        return RedisRateLimitBackend(client: RedisClient(configuration: configuration, registry: registry), failureMode: mode,
                                     metrics: metrics) { transition, error in
            switch transition {
            case .enteredFallback:
                logger?.log(.warning, "rate limiting falls back", [LogField("redis", redacted), LogField("mode", mode.rawValue),
                                                                  LogField("error", error?.description ?? "unknown")])
            case .recovered:
                logger?.log(.info, "rate limiting uses Redis again", [LogField("redis", redacted)])
            }
        }
    }

    /// Starts refreshing the gauges (effective limits, keys held) once a second.
    func startRefreshing() {
        let task = Task { [self] in
            while !Task.isCancelled {
                refreshGauges()
                try? await Task.sleep(for: .seconds(1))
            }
        }
        refresher.withLock { $0 = task }
    }

    /// Stops the refresh task and closes the Redis connections.
    func stop() async {
        refresher.withLock { $0?.cancel() }
        await redis?.shutdown()
    }

    /// Sets the gauges now.
    func refreshGauges() {
        metrics.updateLimits(of: middleware.limiter)
        if let memory { metrics.keys.set(memory.keyCount) }
    }
}
