/// The state one key needs under either algorithm: three integers, so every backend stores
/// O(1) per key however high the limit.
///
/// - Sliding window: ``mark`` is the index of the current window (`now / window`),
///   ``current`` and ``previous`` the requests counted in it and in the one before.
/// - GCRA: ``mark`` is the theoretical arrival time in microseconds; the counts are unused.
public struct LimiterState: Sendable, Hashable {
    /// The window index (sliding window) or theoretical arrival time in µs (GCRA).
    public var mark: Int64
    /// Requests counted in the current window (sliding window).
    public var current: Int64
    /// Requests counted in the previous window (sliding window).
    public var previous: Int64

    /// A state with the given values.
    public init(mark: Int64 = 0, current: Int64 = 0, previous: Int64 = 0) {
        self.mark = mark
        self.current = current
        self.previous = previous
    }

    /// The state of a key never seen.
    public static let empty = LimiterState()
}

extension RateLimit {
    /// Decides one request of `cost` at `now` (µs since the Unix epoch), updating `state`
    /// only when the request is admitted. Pure: the same inputs give the same outputs.
    public func decide(_ state: inout LimiterState, now: Int64, cost: Int = 1) -> RateLimitDecision {
        switch algorithm {
        case .slidingWindow: SlidingWindowCounter.decide(&state, now: now, limit: Int64(limit), window: windowMicroseconds, cost: Int64(cost))
        case .gcra: GCRA.decide(&state, now: now, limit: Int64(limit), burst: Int64(burst), window: windowMicroseconds, cost: Int64(cost))
        }
    }

    /// The instant (µs) after which a key's state no longer affects any decision, so a
    /// backend may forget it.
    public func expiry(of state: LimiterState) -> Int64 {
        switch algorithm {
        case .slidingWindow: (state.mark + 2) * windowMicroseconds
        case .gcra: state.mark
        }
    }
}
