import LookoutRedis
import Synchronization

/// Limiter state in Redis, shared by every instance: one atomic Lua script per decision
/// (`EVALSHA`, reloaded transparently after `NOSCRIPT`), time read from Redis's `TIME`
/// inside the script so hosts with skewed clocks agree, one hash-tagged key per limited
/// key so it works on Redis Cluster.
///
/// When Redis fails (down, timing out, answering errors or garbage), decisions follow
/// ``FailureMode``: ``FailureMode/fallbackMemory`` (the default) decides with the same
/// policies in a local ``MemoryRateLimitBackend`` — per instance, counted in
/// `rate_limit_backend_errors_total` and flagged by `rate_limit_fallback_active` — while
/// ``FailureMode/failOpen`` throws so the limiter admits the request. A
/// ``BackendFallbackStateMachine`` keeps decisions local for a second after a failure,
/// then lets one decision probe Redis and returns to it when it answers: no decision waits
/// longer than the client's command timeout, and most wait not at all while Redis is down.
///
/// Thread-safe.
public final class RedisRateLimitBackend: RateLimitBackend {
    /// What to do when Redis cannot decide.
    public enum FailureMode: String, Sendable, Hashable {
        /// Decide in local memory with the same limits (per instance).
        case fallbackMemory = "fallback-memory"
        /// Throw, so the limiter admits the request.
        case failOpen = "fail-open"
    }

    /// `redis`.
    public let name = "redis"
    /// The Redis client.
    public let client: RedisClient
    /// Prepended to every key (default `lookout:rl:`).
    public let keyPrefix: String
    /// What happens when Redis fails.
    public let failureMode: FailureMode
    /// The local backend used while Redis fails (``FailureMode/fallbackMemory``).
    public let fallback: MemoryRateLimitBackend
    private let machine: Mutex<BackendFallbackStateMachine>
    private let clock: RateLimitClock
    private let metrics: RateLimitMetricsObserver?
    private let onTransition: @Sendable (BackendFallbackStateMachine.Transition, RateLimitBackendError?) -> Void
    static let script = RedisScript(RateLimitScript.source)

    /// A backend on `client`.
    ///
    /// - Parameters:
    ///   - retryInterval: How long decisions stay local after a failure before Redis is probed.
    ///   - metrics: Where backend errors and the fallback flag are recorded.
    ///   - onTransition: Called when decisions move to the fallback (with the error) and back.
    public init(client: RedisClient, keyPrefix: String = "lookout:rl:", failureMode: FailureMode = .fallbackMemory,
                fallback: MemoryRateLimitBackend = MemoryRateLimitBackend(), retryInterval: Duration = .seconds(1),
                clock: RateLimitClock = .system, metrics: RateLimitMetricsObserver? = nil,
                onTransition: @escaping @Sendable (BackendFallbackStateMachine.Transition, RateLimitBackendError?) -> Void = { _, _ in })
    {
        self.client = client
        self.keyPrefix = keyPrefix
        self.failureMode = failureMode
        self.fallback = fallback
        machine = Mutex(BackendFallbackStateMachine(retryInterval: retryInterval))
        self.clock = clock
        self.metrics = metrics
        self.onTransition = onTransition
    }

    /// Whether decisions are currently made locally because Redis failed.
    public var isInFallback: Bool { machine.withLock { $0.isInFallback } }

    /// Decides in Redis, or locally while Redis fails (see the type's documentation).
    ///
    /// - Throws: ``RateLimitBackendError`` only in ``FailureMode/failOpen`` mode.
    public func decide(key: String, limit: RateLimit, cost: Int) async throws(RateLimitBackendError) -> RateLimitDecision {
        let now = clock.now()
        let route = machine.withLock { $0.route(at: now) }
        if route == .fallback {
            return try local(key: key, limit: limit, cost: cost, error: nil)
        }
        do {
            let decision = try await decideInRedis(key: key, limit: limit, cost: cost)
            if let transition = machine.withLock({ $0.succeeded() }) { report(transition, nil) }
            return decision
        } catch {
            let failedAt = clock.now()
            if let transition = machine.withLock({ $0.failed(at: failedAt) }) { report(transition, error) }
            return try local(key: key, limit: limit, cost: cost, error: error)
        }
    }

    /// One decision in Redis, with no fallback.
    ///
    /// - Throws: ``RateLimitBackendError`` when Redis fails or answers something unexpected.
    public func decideInRedis(key: String, limit: RateLimit, cost: Int) async throws(RateLimitBackendError) -> RateLimitDecision {
        let arguments: [[UInt8]] = [
            Array((limit.algorithm == .gcra ? "g" : "s").utf8), Array(String(limit.limit).utf8),
            Array(String(limit.windowMicroseconds).utf8), Array(String(cost).utf8), Array(String(limit.burst).utf8),
        ]
        let reply: RedisReply
        do {
            reply = try await client.evaluate(Self.script, keys: [redisKey(key)], arguments: arguments)
        } catch {
            throw Self.backendError(error)
        }
        guard let values = reply.array?.compactMap(\.int), values.count == 4, values[0] == 0 || values[0] == 1,
              values[1] >= 0, values[2] >= 0, values[3] >= 0
        else {
            throw RateLimitBackendError(.malformedReply, "the rate-limit script answered \(reply), not four non-negative integers")
        }
        return RateLimitDecision(isAllowed: values[0] == 1, limit: limit.limit, remaining: Int(values[1]),
                                 resetAfterMicroseconds: values[2], retryAfterMicroseconds: values[0] == 1 ? 0 : max(1, values[3]))
    }

    /// The Redis key for `key`: the prefix and the key as a `{hash tag}`, so the whole key
    /// maps to one Cluster slot. Keys containing braces are hashed first.
    public func redisKey(_ key: String) -> String {
        let safe = key.contains(where: { $0 == "{" || $0 == "}" }) ? RateLimitPolicy.stableHash(key) : key
        return "\(keyPrefix){\(safe)}"
    }

    private func local(key: String, limit: RateLimit, cost: Int, error: RateLimitBackendError?) throws(RateLimitBackendError) -> RateLimitDecision {
        if let error { metrics?.backendFailed(backend: name, error: error) }
        switch failureMode {
        case .fallbackMemory: return fallback.decideNow(key: key, limit: limit, cost: cost)
        case .failOpen: throw error ?? RateLimitBackendError(.unavailable, "Redis failed recently; admitting without limits")
        }
    }

    private func report(_ transition: BackendFallbackStateMachine.Transition, _ error: RateLimitBackendError?) {
        metrics?.fallbackActive.set(transition == .enteredFallback && failureMode == .fallbackMemory ? 1 : 0)
        onTransition(transition, error)
    }

    static func backendError(_ error: RedisError) -> RateLimitBackendError {
        switch error {
        case .server(let server): RateLimitBackendError(.serverError, error.description + (server.prefix == "NOSCRIPT" ? " (after reloading the script)" : ""))
        case .protocolViolation: RateLimitBackendError(.malformedReply, error.description)
        default: RateLimitBackendError(.unavailable, error.description)
        }
    }
}
