#if canImport(Glibc)
import Glibc
#endif

/// Applies several policies to each request through one backend: a request passes only
/// if every applicable policy admits it.
///
/// Policies are checked from the narrowest to the widest scope (client key, client
/// address, endpoint, global; declaration order within a scope) and the first denial
/// stops the check, so a client over its own limit does not use up the global budget
/// of everyone else. A policy counts a request only when it admits it. When all admit,
/// the decision with the fewest remaining requests decides the
/// headers.
///
/// Thread-safe; immutable once built.
public final class RateLimiter: Sendable {
    /// The policies in the order they are checked.
    public let policies: [RateLimitPolicy]
    /// Where state lives.
    public let backend: any RateLimitBackend
    /// Lowers the limits of adaptive policies under pressure, if set.
    public let adaptive: AdaptiveController?
    /// The header name of the first client-key policy, if any.
    public let clientKeyHeader: String?
    private let synchronousBackend: (any SynchronousRateLimitBackend)?
    private let memoryBackend: MemoryRateLimitBackend?
    private let prepared: [PreparedPolicy]
    private let observer: (any RateLimitObserver)?
    /// The observer's series for these policies on this backend, if it offers them.
    private let recorder: RateLimitDecisionRecorder?
    /// Whether decisions are reported (timed).
    private let isObserved: Bool

    /// A limiter for `policies` on `backend`.
    ///
    /// - Throws: ``RateLimitConfigurationError`` if there is no policy or two share a name.
    public init(policies: [RateLimitPolicy], backend: any RateLimitBackend, adaptive: AdaptiveController? = nil,
                observer: (any RateLimitObserver)? = nil) throws(RateLimitConfigurationError)
    {
        guard !policies.isEmpty else { throw RateLimitConfigurationError("a rate limiter needs at least one policy") }
        var names: Set<String> = []
        for policy in policies where !names.insert(policy.name).inserted {
            throw RateLimitConfigurationError("two policies are named '\(policy.name)'; names must be unique")
        }
        let policies = policies.enumerated().sorted { ($0.element.scope.rank, $0.offset) < ($1.element.scope.rank, $1.offset) }.map(\.element)
        self.policies = policies
        prepared = policies.map(PreparedPolicy.init)
        clientKeyHeader = policies.lazy.compactMap { policy -> String? in
            if case .clientKey(let header) = policy.scope { return header }
            return nil
        }.first
        self.backend = backend
        self.adaptive = adaptive
        synchronousBackend = backend as? any SynchronousRateLimitBackend
        memoryBackend = backend as? MemoryRateLimitBackend
        self.observer = observer
        recorder = observer?.decisionRecorder(policies: policies.map(\.name), backend: backend.name)
        isObserved = observer != nil
    }

    /// Whether ``checkNow(_:)`` can decide without waiting (the backend is synchronous).
    public var isSynchronous: Bool { synchronousBackend != nil }

    /// Checks `request` against every policy, waiting for the backend.
    public func check(_ request: RateLimitRequest) async -> RateLimitOutcome {
        var outcome = RateLimitOutcome()
        for index in prepared.indices {
            let policy = prepared[index]
            guard let (key, limit, field) = resolve(policy, request) else { continue }
            let start = Self.monotonicNanoseconds()
            let decision: RateLimitDecision
            do {
                decision = try await backend.decide(key: key.string, limit: limit, cost: 1)
            } catch {
                // Backends that cannot decide fall back themselves; one that still throws fails open.
                observer?.backendFailed(backend: backend.name, error: error)
                continue
            }
            record(index, policy, decision.isAllowed, Self.seconds(start, Self.monotonicNanoseconds()))
            if outcome.add(policy.name, limit, field, decision) { break }
        }
        return outcome
    }

    /// Checks `request` immediately, or returns `nil` when the backend is not synchronous
    /// (use ``check(_:)`` then).
    public func checkNow(_ request: RateLimitRequest) -> RateLimitOutcome? {
        if let memoryBackend {
            // One clock read for all policies, each key built on the stack.
            let now = memoryBackend.now()
            return decideEach(request) { key, limit in
                key.withBytes { memoryBackend.decide(keyBytes: $0, limit: limit, cost: 1, now: now) }
            }
        }
        guard let synchronousBackend else { return nil }
        return decideEach(request) { key, limit in synchronousBackend.decideNow(key: key.string, limit: limit, cost: 1) }
    }

    /// Decides `request` against every policy in order with `decide`, stopping at the
    /// first denial, and records each decision with its duration (one monotonic clock
    /// read per decision when observed).
    @inline(__always)
    private func decideEach(_ request: RateLimitRequest, _ decide: (KeyParts, RateLimit) -> RateLimitDecision) -> RateLimitOutcome {
        var outcome = RateLimitOutcome()
        var start = isObserved ? Optional(Self.monotonicNanoseconds()) : nil
        for index in prepared.indices {
            let policy = prepared[index]
            guard let (key, limit, field) = resolve(policy, request) else { continue }
            let decision = decide(key, limit)
            if let began = start {
                let end = Self.monotonicNanoseconds()
                record(index, policy, decision.isAllowed, Self.seconds(began, end))
                start = end
            }
            if outcome.add(policy.name, limit, field, decision) { break }
        }
        return outcome
    }

    /// Reports a decision of the policy at `index`: into the series resolved once when the
    /// observer offers them, else through the observer.
    @inline(__always)
    private func record(_ index: Int, _ policy: PreparedPolicy, _ allowed: Bool, _ seconds: Double) {
        if let recorder {
            recorder.record(policyIndex: index, allowed: allowed, durationSeconds: seconds)
        } else {
            observer?.decided(policy: policy.name, backend: backend.name, allowed: allowed, durationSeconds: seconds)
        }
    }

    /// The key, effective limit (adaptive share applied) and `RateLimit-Policy` item of
    /// `policy` for `request` now, or `nil` when it does not apply.
    private func resolve(_ policy: PreparedPolicy, _ request: RateLimitRequest) -> (KeyParts, RateLimit, String)? {
        guard let (key, limited) = policy.resolve(request) else { return nil }
        guard policy.isAdaptive, let adaptive else { return (key, limited.limit, limited.field) }
        let effective = limited.limit.withLimit(adaptive.effectiveLimit(limited.limit.limit))
        return effective == limited.limit ? (key, effective, limited.field) : (key, effective, RateLimitHeaders.policyItem(policy.name, effective))
    }

    /// The effective limits of every policy now, for the gauge (`nil` limit policies report 0).
    public func effectiveLimits() -> [(policy: String, configured: Int, effective: Int)] {
        policies.map { policy in
            let configured = policy.limit?.limit ?? 0
            let effective = policy.isAdaptive ? (adaptive?.effectiveLimit(configured) ?? configured) : configured
            return (policy.name, configured, configured == 0 ? 0 : effective)
        }
    }

    /// The monotonic clock in nanoseconds: cheaper than `ContinuousClock.now`, whose
    /// `Duration` arithmetic divides 128-bit numbers.
    @inline(__always)
    private static func monotonicNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec)
    }

    /// Seconds from `start` to `end` (``monotonicNanoseconds()`` readings).
    @inline(__always)
    private static func seconds(_ start: Int64, _ end: Int64) -> Double {
        Double(end &- start) / 1e9
    }
}

extension RateLimitPolicy.Scope {
    /// Narrow scopes are checked first.
    var rank: Int {
        switch self {
        case .clientKey: 0
        case .clientAddress: 1
        case .endpoint: 2
        case .global: 3
        }
    }
}

/// What the policies decided for one request.
public struct RateLimitOutcome: Sendable {
    /// One policy's decision.
    public struct Entry: Sendable, Hashable {
        /// The policy's name.
        public let policy: String
        /// The limit applied (effective, after any adaptive share).
        public let limit: RateLimit
        /// Its decision.
        public let decision: RateLimitDecision
        /// Its `RateLimit-Policy` list item, rendered once per limit.
        let policyItem: String
    }

    /// The first decision, kept apart so a request checked by one policy allocates no array.
    private(set) var first: Entry?
    /// The decisions after the first.
    private(set) var more: [Entry] = []
    /// Whether a policy denied the request (only the last decision can be a denial).
    private(set) var isDenied = false

    /// The decisions in the order they were made.
    public var entries: [Entry] {
        guard let first else { return [] }
        return [first] + more
    }

    /// Whether no policy applied.
    public var isEmpty: Bool {
        if case .none = first { return true }
        return false
    }

    /// Whether every applicable policy admitted the request (also when none applied).
    public var isAllowed: Bool { !isDenied }

    /// The names of the policies that denied the request.
    public var violatedPolicies: [String] { entries.filter { !$0.decision.isAllowed }.map(\.policy) }

    /// The entry that decides the `RateLimit` header: the first denial, or else the one
    /// with the fewest requests remaining (ties: the longer reset, then check order).
    public var mostRestrictive: Entry? {
        guard var best = first else { return nil }
        if isDenied { return more.last ?? best }
        for entry in more {
            let remaining = entry.decision.remaining, bestRemaining = best.decision.remaining
            if remaining < bestRemaining
                || (remaining == bestRemaining && entry.decision.resetAfterMicroseconds > best.decision.resetAfterMicroseconds)
            {
                best = entry
            }
        }
        return best
    }

    /// Adds a decision; returns `true` when it is a denial (stop checking).
    mutating func add(_ policy: String, _ limit: RateLimit, _ item: String, _ decision: RateLimitDecision) -> Bool {
        let entry = Entry(policy: policy, limit: limit, decision: decision, policyItem: item)
        if first == nil { first = entry } else { more.append(entry) }
        isDenied = !decision.isAllowed
        return isDenied
    }
}

/// Receives what a ``RateLimiter`` does, for metrics and logs. Called on the deciding
/// thread: implementations must be cheap and thread-safe.
public protocol RateLimitObserver: Sendable {
    /// A policy decided a request in `durationSeconds` on `backend`.
    func decided(policy: String, backend: String, allowed: Bool, durationSeconds: Double)
    /// A backend could not decide; the request was admitted by that policy.
    func backendFailed(backend: String, error: any Error)
    /// The series a limiter checking `policies` (names, in check order) on `backend`
    /// records its decisions into, resolved once when the limiter is built; `nil` (the
    /// default) makes the limiter call ``decided(policy:backend:allowed:durationSeconds:)``.
    func decisionRecorder(policies: [String], backend: String) -> RateLimitDecisionRecorder?
}

extension RateLimitObserver {
    /// `nil`: decisions are reported through ``decided(policy:backend:allowed:durationSeconds:)``.
    public func decisionRecorder(policies: [String], backend: String) -> RateLimitDecisionRecorder? { nil }
}
