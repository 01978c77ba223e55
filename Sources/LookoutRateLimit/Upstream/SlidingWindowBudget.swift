/// A sliding-window request budget: at most `limit` grants in any window of length
/// `window`, where `limit` may change between calls (up to a fixed `capacity`). Pure state,
/// no clock of its own: callers pass "now", so tests drive it with a manual clock.
///
/// It keeps the instants of the last `capacity` grants in a ring. A request at `now` under
/// limit `L` is granted only if the `L`-th most recent grant is at least `window` old;
/// otherwise the answer says when that will be true. Proof of the guarantee: if some
/// half-open window `[t, t+W)` held `L + 1` grants, then when its last one `g` was granted,
/// the other `L` were in `(g-W, g]`, so the `L`-th most recent grant was younger than `W`
/// and `g` would have been refused. Lowering `L` only makes the test stricter.
package struct SlidingWindowBudget<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// What ``acquire(at:limit:)`` decided.
    package enum Decision: Equatable {
        /// Send now; the grant has been recorded.
        case granted
        /// Over budget: try again at this instant (nothing was recorded).
        case wait(until: Instant)
    }

    /// The largest limit this budget can enforce (the ring's size).
    package let capacity: Int
    /// The window length.
    package let window: Duration
    private var grants: [Instant] = []
    /// Where the next grant is written once the ring is full.
    private var next = 0

    /// The limit when none is passed: the capacity.
    package var limit: Int { capacity }

    /// Creates a budget; `limit` (the capacity) must be at least 1 and `window` positive.
    package init(limit: Int, window: Duration) {
        precondition(limit >= 1 && window > .zero, "budget needs limit >= 1 and a positive window")
        self.capacity = limit
        self.window = window
        grants.reserveCapacity(limit)
    }

    /// Grants a request at `now` if at most `limit - 1` grants (clamped to
    /// `1...capacity`) fall in the window ending now, recording it.
    package mutating func acquire(at now: Instant, limit: Int? = nil) -> Decision {
        let limit = min(capacity, max(1, limit ?? capacity))
        if grants.count >= limit {
            // The limit-th most recent grant.
            let index = grants.count < capacity ? grants.count - limit : (next - limit + capacity) % capacity
            let expiry = grants[index].advanced(by: window)
            guard expiry <= now else { return .wait(until: expiry) }
        }
        if grants.count < capacity {
            grants.append(now)
        } else {
            grants[next] = now
            next = (next + 1) % capacity
        }
        return .granted
    }

    /// How many grants fall in the window `(now - window, now]`.
    package func grantsInWindow(endingAt now: Instant) -> Int {
        grants.count { $0.advanced(by: window) > now && $0 <= now }
    }
}
