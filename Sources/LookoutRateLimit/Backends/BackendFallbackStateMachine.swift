/// When a shared backend (Redis) is used and when its local fallback is: a pure state
/// machine, events in, routes and transitions out, time passed in (µs).
///
/// - `primary`: every decision goes to the backend.
/// - A failure switches to `fallback` for ``retryInterval``: decisions are made locally,
///   so nobody waits for a dead backend.
/// - After the interval one decision *probes* the backend while the others stay local;
///   success returns to `primary`, failure starts another interval.
public struct BackendFallbackStateMachine: Sendable, Hashable {
    /// Where one decision should go.
    public enum Route: Sendable, Hashable {
        /// To the backend (healthy).
        case primary
        /// To the backend, as the single probe after a failure.
        case probe
        /// To the local fallback.
        case fallback
    }

    /// A change worth reporting (log line, gauge).
    public enum Transition: Sendable, Hashable {
        /// The backend failed while healthy: decisions are now local.
        case enteredFallback
        /// The backend answered again: decisions use it again.
        case recovered
    }

    enum State: Sendable, Hashable {
        case primary
        case fallback(until: Int64)
        case probing(since: Int64)
    }

    /// How long decisions stay local after a failure before the backend is probed.
    public let retryInterval: Int64
    private(set) var state = State.primary

    /// A healthy state machine that retries the backend `retryInterval` after a failure.
    public init(retryInterval: Duration = .seconds(1)) {
        self.retryInterval = max(1, RateLimit.microseconds(retryInterval))
    }

    /// Whether decisions are currently made locally.
    public var isInFallback: Bool { state != .primary }

    /// Where a decision at `now` goes.
    public mutating func route(at now: Int64) -> Route {
        switch state {
        case .primary:
            return .primary
        case .fallback(let until) where now >= until:
            state = .probing(since: now)
            return .probe
        case .probing(let since) where now - since >= retryInterval * 10:
            // A probe that never reported back (its task was cancelled): probe again.
            state = .probing(since: now)
            return .probe
        case .fallback, .probing:
            return .fallback
        }
    }

    /// The backend answered.
    public mutating func succeeded() -> Transition? {
        defer { state = .primary }
        return state == .primary ? nil : .recovered
    }

    /// The backend failed at `now`.
    public mutating func failed(at now: Int64) -> Transition? {
        defer { state = .fallback(until: now + retryInterval) }
        return state == .primary ? .enteredFallback : nil
    }
}
