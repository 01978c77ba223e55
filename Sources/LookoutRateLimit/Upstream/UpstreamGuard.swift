import Synchronization

/// Keeps a process under Bybit's IP limits: a sliding-window request budget shared by
/// every client that uses it, per-host pauses after retCode 10006, and per-host bans after
/// HTTP 403.
///
/// Bybit allows 600 requests per 5-second window per IP and answers a breach with a 403
/// ban of at least ten minutes. The default budget, 500 per 5 s, leaves headroom for other
/// processes on the same IP; the budget is enforced **before** a request is sent.
///
/// The exchange counts requests when they *arrive*, and two requests granted exactly one
/// window apart can arrive closer together if the first was delayed more on its way. The
/// guard therefore spaces grants as if the window were ``Configuration/safetyMargin``
/// longer: no window of `window + safetyMargin` holds more than the budget, so as long as
/// delays between grant and arrival differ by less than the margin, no window of the
/// exchange's length does either.
///
/// The budget is adaptive (``Configuration/adaptive``, on by default): each retCode 10006
/// lowers it to 70% of the requests actually sent in the last window, at most once per
/// window, and each quiet window adds 1% of the ceiling back (AIMD); read it with
/// ``effectiveLimit``. The ceiling never changes.
///
/// Share one guard per IP: ``shared`` is the process-wide default every ``BybitClient``
/// uses unless given another. Waiters are served first come, first served, and only one of
/// them at a time sleeps on the budget. All methods are thread-safe.
public final class UpstreamGuard<C: Clock>: Sendable where C.Duration == Duration {
    /// Limits for an ``UpstreamGuard``.
    public struct Configuration: Sendable, Hashable {
        /// Most requests sent in any ``window``: the ceiling of the adaptive budget.
        public var requestsPerWindow: Int
        /// The sliding window.
        public var window: Duration
        /// How long requests to a host fail fast after it answered HTTP 403.
        public var banCooldown: Duration
        /// Extra spacing added to ``window`` when granting, to absorb the difference in
        /// delay between when a request is granted and when the exchange counts it.
        public var safetyMargin: Duration
        /// Whether a throttling answer (retCode 10006) shrinks the budget, which then grows
        /// back (AIMD). When `false` the budget stays at ``requestsPerWindow``.
        public var adaptive: Bool
        /// What a throttling answer multiplies the effective budget by, in `(0, 1)`.
        public var decreaseFactor: Double
        /// Requests per window added back after each ``window`` without a throttling answer
        /// (0 means 1% of ``requestsPerWindow``, at least 1).
        public var increaseStep: Int

        /// Creates limits; the defaults are 500 requests per 5 s, a 10-minute ban, a
        /// 100 ms safety margin (negative values are treated as zero), and an adaptive
        /// budget that drops to 70% on each throttling answer and recovers 1% of the
        /// ceiling per window.
        public init(requestsPerWindow: Int = 500, window: Duration = .seconds(5), banCooldown: Duration = .seconds(600),
                    safetyMargin: Duration = .milliseconds(100), adaptive: Bool = true, decreaseFactor: Double = 0.7,
                    increaseStep: Int = 0) {
            self.requestsPerWindow = max(1, requestsPerWindow)
            self.window = window > .zero ? window : .seconds(5)
            self.banCooldown = banCooldown
            self.safetyMargin = max(.zero, safetyMargin)
            self.adaptive = adaptive
            self.decreaseFactor = decreaseFactor
            self.increaseStep = increaseStep > 0 ? increaseStep : max(1, self.requestsPerWindow / 100)
        }

        /// The budget as `N/5s` (the form `lookout fetch --budget` takes).
        public var budgetText: String {
            let (seconds, attoseconds) = window.components
            let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
            return milliseconds % 1000 == 0 ? "\(requestsPerWindow)/\(milliseconds / 1000)s" : "\(requestsPerWindow)/\(milliseconds)ms"
        }
    }

    /// Why ``admit(host:)`` refused.
    package enum Refusal: Error, Equatable {
        /// The host is banned for this much longer.
        case banned(remaining: Duration)
        case cancelled
    }

    private enum Step {
        case granted
        case banned(Duration)
        case sleep(C.Instant)
    }

    private struct State {
        var budget: SlidingWindowBudget<C.Instant>
        var limit: AdaptiveBudgetLimit<C.Instant>
        var hosts: [String: HostProtection<C.Instant>] = [:]
    }

    /// The limits in force.
    public let configuration: Configuration
    package let clock: C
    private let state: Mutex<State>
    private let gate = AsyncSemaphore(permits: 1)

    /// Creates a guard measuring time with `clock`.
    public init(configuration: Configuration = Configuration(), clock: C) {
        self.configuration = configuration
        self.clock = clock
        state = Mutex(State(
            budget: SlidingWindowBudget(limit: configuration.requestsPerWindow, window: configuration.window + configuration.safetyMargin),
            limit: AdaptiveBudgetLimit(ceiling: configuration.requestsPerWindow, decreaseFactor: configuration.decreaseFactor,
                                 increaseStep: configuration.increaseStep, interval: configuration.window)))
    }

    /// Waits until a request to `host` may be sent and records it against the budget.
    /// Returns how long it waited.
    package func admit(host: String) async throws(Refusal) -> Duration {
        let start = clock.now
        return start.duration(to: try await grant(host: host))
    }

    /// Waits until a request to `host` may be sent, records it against the budget, and
    /// returns the instant the budget granted it (the one the window counts).
    package func grant(host: String) async throws(Refusal) -> C.Instant {
        // Bans fail fast and pauses wait without taking a place in the queue.
        try await waitWhileHostHeld(host)
        do { try await gate.acquire() } catch { throw .cancelled }
        defer { gate.release() }
        while true {
            let now = clock.now
            let step: Step = state.withLock { state in
                switch state.hosts[host, default: HostProtection()].admission(at: now) {
                case .banned(let until): return .banned(now.duration(to: until))
                case .wait(let until): return .sleep(until)
                case .proceed: break
                }
                switch state.budget.acquire(at: now, limit: state.limit.limit(at: now)) {
                case .granted: return .granted
                case .wait(let until): return .sleep(until)
                }
            }
            switch step {
            case .granted: return now
            case .banned(let remaining): throw .banned(remaining: remaining)
            case .sleep(let until):
                do { try await clock.sleep(until: until, tolerance: nil) } catch { throw .cancelled }
            }
        }
    }

    private func waitWhileHostHeld(_ host: String) async throws(Refusal) {
        while true {
            let now = clock.now
            let admission = state.withLock { $0.hosts[host]?.admission(at: now) ?? .proceed }
            switch admission {
            case .proceed: return
            case .banned(let until): throw .banned(remaining: now.duration(to: until))
            case .wait(let until):
                do { try await clock.sleep(until: until, tolerance: nil) } catch { throw .cancelled }
            }
        }
    }

    /// Records an HTTP 403 from `host`: every request to it fails fast for the cool-down.
    /// Returns whether this started a new ban (rather than extending one).
    @discardableResult
    package func recordForbidden(host: String) -> Bool {
        let now = clock.now
        let transition = state.withLock { state in
            state.hosts[host, default: HostProtection()].forbidden(at: now, cooldown: configuration.banCooldown)
        }
        if case .banStarted = transition { return true }
        return false
    }

    /// Records retCode 10006 from `host`: requests to it are held for `pause`, and an
    /// adaptive budget shrinks (at most once per window). Returns the effective budget
    /// afterwards.
    @discardableResult
    package func recordRateLimited(host: String, pause: Duration) -> Int {
        let now = clock.now
        return state.withLock { state in
            _ = state.hosts[host, default: HostProtection()].rateLimited(at: now, pause: pause)
            if configuration.adaptive { state.limit.throttled(at: now, observed: state.budget.grantsInWindow(endingAt: now)) }
            return state.limit.limit(at: now)
        }
    }

    /// Requests per ``Configuration/window`` the budget allows now: the ceiling
    /// (``Configuration/requestsPerWindow``) lowered by recent throttling answers.
    public var effectiveLimit: Int {
        let now = clock.now
        return state.withLock { $0.limit.limit(at: now) }
    }

    /// How long requests to `host` will keep failing because of a 403 ban, or `nil` if the
    /// host is not banned.
    public func banRemaining(host: String) -> Duration? {
        let now = clock.now
        return state.withLock { state -> Duration? in
            guard case .banned(let until)? = state.hosts[host]?.admission(at: now) else { return nil }
            return now.duration(to: until)
        }
    }
}

extension UpstreamGuard where C == ContinuousClock {
    /// The process-wide guard (500 requests per 5 s, 10-minute ban cool-down) that every
    /// ``BybitClient`` uses by default, so all clients in a process share one IP budget.
    public static var shared: UpstreamGuard<ContinuousClock> { sharedUpstreamGuard }
}

private let sharedUpstreamGuard = UpstreamGuard(clock: ContinuousClock())
