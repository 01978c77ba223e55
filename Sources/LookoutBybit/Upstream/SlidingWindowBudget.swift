/// A sliding-window request budget: at most `limit` grants in any window of length
/// `window`. Pure state, no clock of its own: callers pass "now", so tests drive it with a
/// manual clock.
///
/// It keeps the instants of the last `limit` grants in a ring. A request at `now` is
/// granted only if the oldest of them is at least `window` old; otherwise the answer says
/// when that will be true. Proof of the guarantee: if some half-open window `[t, t+W)` held
/// `limit + 1` grants, then when its last one `g` was granted, the other `limit` were in
/// `(g-W, g]`, so the oldest recorded grant was younger than `W` and `g` would have been
/// refused.
struct SlidingWindowBudget<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// What ``acquire(at:)`` decided.
    enum Decision: Equatable {
        /// Send now; the grant has been recorded.
        case granted
        /// Over budget: try again at this instant (nothing was recorded).
        case wait(until: Instant)
    }

    /// Most grants in any window.
    let limit: Int
    /// The window length.
    let window: Duration
    private var grants: [Instant] = []
    private var oldest = 0

    /// Creates a budget; `limit` must be at least 1 and `window` positive.
    init(limit: Int, window: Duration) {
        precondition(limit >= 1 && window > .zero, "budget needs limit >= 1 and a positive window")
        self.limit = limit
        self.window = window
        grants.reserveCapacity(limit)
    }

    /// Grants a request at `now` if the budget allows, recording it.
    mutating func acquire(at now: Instant) -> Decision {
        if grants.count < limit {
            grants.append(now)
            return .granted
        }
        let expiry = grants[oldest].advanced(by: window)
        guard expiry <= now else { return .wait(until: expiry) }
        grants[oldest] = now
        oldest = (oldest + 1) % limit
        return .granted
    }

    /// How many grants fall in the window `(now - window, now]`.
    func grantsInWindow(endingAt now: Instant) -> Int {
        grants.count { $0.advanced(by: window) > now && $0 <= now }
    }
}
