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
    /// Whether ``machine`` is out of its primary state, written under its lock: a healthy
    /// decision reads this flag instead of the clock and the lock.
    private let degraded = Atomic<Bool>(false)
    private let clock: RateLimitClock
    private let metrics: RateLimitMetricsObserver?
    private let onTransition: @Sendable (BackendFallbackStateMachine.Transition, RateLimitBackendError?) -> Void
    /// The script's `ARGV` of the limits decided recently (cost 1), so a decision does not
    /// format the same numbers again; bounded by ``argumentCacheSize``.
    private let argumentCache = Mutex<[RateLimit: [[UInt8]]]>([:])
    /// Most limits whose arguments are kept (adaptive limits vary; the cache is emptied when full).
    static let argumentCacheSize = 64
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
        let route: BackendFallbackStateMachine.Route
        if degraded.load(ordering: .acquiring) {
            let now = clock.now()
            route = machine.withLock { $0.route(at: now) }
        } else {
            route = .primary
        }
        if route == .fallback {
            return try local(key: key, limit: limit, cost: cost, error: nil)
        }
        do {
            let decision = try await decideInRedis(key: key, limit: limit, cost: cost, at: nil)
            // Only a probe can end a fallback; a healthy decision need not take the lock again.
            if route == .probe, let transition = updateMachine({ $0.succeeded() }) { report(transition, nil) }
            return decision
        } catch {
            let failedAt = clock.now()
            if let transition = updateMachine({ $0.failed(at: failedAt) }) { report(transition, error) }
            return try local(key: key, limit: limit, cost: cost, error: error)
        }
    }

    /// One decision in Redis, with no fallback.
    ///
    /// - Throws: ``RateLimitBackendError`` when Redis fails or answers something unexpected.
    public func decideInRedis(key: String, limit: RateLimit, cost: Int) async throws(RateLimitBackendError) -> RateLimitDecision {
        try await decideInRedis(key: key, limit: limit, cost: cost, at: nil)
    }

    /// Applies `change` to the fallback machine under its lock and keeps ``degraded`` in
    /// step with it.
    private func updateMachine(_ change: (inout BackendFallbackStateMachine) -> BackendFallbackStateMachine.Transition?) -> BackendFallbackStateMachine.Transition? {
        machine.withLock { machine in
            defer { degraded.store(machine.isInFallback, ordering: .releasing) }
            return change(&machine)
        }
    }

    /// One decision in Redis at `now` (µs; `nil`: Redis's `TIME`). Tests pass an instant to
    /// replay a trace through the script and through ``LimiterState`` and compare.
    @inline(__always)
    func decideInRedis(key: String, limit: RateLimit, cost: Int, at now: Int64?) async throws(RateLimitBackendError) -> RateLimitDecision {
        var arguments = cost == 1 ? cachedArguments(limit) : Self.arguments(limit, cost: cost)
        if let now { arguments.append(Self.decimal(now)) }
        let reply: RedisReply
        do {
            reply = try await client.evaluate(Self.script, keys: [redisKey(key)], arguments: arguments)
        } catch {
            throw Self.backendError(error)
        }
        return try Self.decision(from: reply, limit: limit)
    }

    /// The script's `ARGV` for `limit` and `cost`: algorithm, limit, window, cost, burst, sub-windows.
    static func arguments(_ limit: RateLimit, cost: Int) -> [[UInt8]] {
        [limit.algorithm == .gcra ? [UInt8(ascii: "g")] : [UInt8(ascii: "s")], decimal(Int64(limit.limit)),
         decimal(limit.windowMicroseconds), decimal(Int64(cost)), decimal(Int64(limit.burst)), decimal(Int64(limit.subWindows))]
    }

    /// ``arguments(_:cost:)`` for `limit` at cost 1, from the cache when it was used recently.
    private func cachedArguments(_ limit: RateLimit) -> [[UInt8]] {
        if let cached = argumentCache.withLock({ $0[limit] }) { return cached }
        let made = Self.arguments(limit, cost: 1)
        argumentCache.withLock { cache in
            if cache.count >= Self.argumentCacheSize { cache.removeAll(keepingCapacity: true) }
            cache[limit] = made
        }
        return made
    }

    /// The script's reply `{allowed, remaining, reset µs, retry µs}` as a decision, read
    /// without intermediate arrays.
    static func decision(from reply: RedisReply, limit: RateLimit) throws(RateLimitBackendError) -> RateLimitDecision {
        guard case .array(let values) = reply, values.count == 4,
              case .integer(let allowed) = values[0], allowed == 0 || allowed == 1,
              case .integer(let remaining) = values[1], remaining >= 0,
              case .integer(let reset) = values[2], reset >= 0,
              case .integer(let retry) = values[3], retry >= 0
        else {
            throw RateLimitBackendError(.malformedReply, "the rate-limit script answered \(reply), not four non-negative integers")
        }
        return RateLimitDecision(isAllowed: allowed == 1, limit: limit.limit, remaining: Int(remaining),
                                 resetAfterMicroseconds: reset, retryAfterMicroseconds: allowed == 1 ? 0 : max(1, retry))
    }

    /// The decimal digits of `value` (no `String` in between).
    static func decimal(_ value: Int64) -> [UInt8] {
        if value >= 0, value < 10 { return [UInt8(truncatingIfNeeded: value) &+ 0x30] }
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var rest = value.magnitude
        repeat {
            digits.append(UInt8(truncatingIfNeeded: rest % 10) &+ 0x30)
            rest /= 10
        } while rest > 0
        if value < 0 { digits.append(UInt8(ascii: "-")) }
        digits.reverse()
        return digits
    }

    /// The Redis key for `key`: the prefix and the key as a `{hash tag}`, so the whole key
    /// maps to one Cluster slot. Keys containing braces are hashed first.
    public func redisKey(_ key: String) -> String {
        let safe = key.utf8.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") } ? RateLimitPolicy.stableHash(key) : key
        var redisKey = ""
        redisKey.reserveCapacity(keyPrefix.utf8.count + safe.utf8.count + 2)
        redisKey += keyPrefix
        redisKey += "{"
        redisKey += safe
        redisKey += "}"
        return redisKey
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
