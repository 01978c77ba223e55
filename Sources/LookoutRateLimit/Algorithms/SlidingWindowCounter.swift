/// The sliding-window counter: an estimate of the requests in the window ending now from
/// two clock-aligned fixed windows.
///
/// With `elapsed` µs into the current window of length `W`, the count is
/// `previous × (W − elapsed) / W + current`. A request of cost `c` is admitted when that
/// count plus `c` is at most the limit. Everything is kept multiplied by `W`, so the
/// comparison is exact integer arithmetic: `previous × (W − elapsed) + (current + c) × W ≤ limit × W`.
/// Windows are aligned on the Unix epoch, so every instance (and Redis) agrees where they
/// start. If the clock goes back, the older instant is treated as part of the newest
/// window seen, which never admits more.
///
/// The estimate assumes the previous window's requests were spread evenly; on real
/// traces it stays close to an exact log of timestamps (see the accuracy test) while
/// storing two counters instead of `limit` timestamps.
public enum SlidingWindowCounter {
    /// Decides a request of `cost` at `now` (µs) against `limit` per `window` (µs).
    /// `cost` must be from 1 to `limit`; `limit × window` must be below 2⁵³.
    public static func decide(_ state: inout LimiterState, now: Int64, limit: Int64, window: Int64, cost: Int64 = 1) -> RateLimitDecision {
        let index = now >= 0 ? now / window : 0
        if index > state.mark {
            state.previous = index == state.mark + 1 ? state.current : 0
            state.current = 0
            state.mark = index
        }
        let elapsed = min(max(now - state.mark * window, 0), window - 1)
        let weight = window - elapsed
        let capacity = limit * window
        var used = state.previous * weight + state.current * window
        let resetAfter = weight
        if used + cost * window <= capacity {
            state.current += cost
            used += cost * window
            return RateLimitDecision(isAllowed: true, limit: Int(limit), remaining: Int((capacity - used) / window),
                                     resetAfterMicroseconds: resetAfter, retryAfterMicroseconds: 0)
        }
        let retry = retryAfter(previous: state.previous, current: state.current, weight: weight, limit: limit, window: window, cost: cost)
        return RateLimitDecision(isAllowed: false, limit: Int(limit), remaining: 0,
                                 resetAfterMicroseconds: max(resetAfter, retry), retryAfterMicroseconds: retry)
    }

    /// The µs until `cost` more would fit, assuming no other request arrives meanwhile.
    static func retryAfter(previous: Int64, current: Int64, weight: Int64, limit: Int64, window: Int64, cost: Int64) -> Int64 {
        let capacity = limit * window
        if (current + cost) * window <= capacity, previous > 0 {
            // Still in this window: wait until the previous window's weight has decayed enough.
            let slack = capacity - (current + cost) * window
            return max(1, weight - slack / previous)
        }
        // Only in the next window, where `current` becomes the decaying previous count.
        guard current > 0, cost <= limit else { return weight + (cost <= limit ? 0 : window) }
        let slack = capacity - cost * window
        let elapsedNeeded = max(0, window - slack / current)
        return max(1, weight + elapsedNeeded)
    }
}
