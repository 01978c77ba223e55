/// The state one key needs under either algorithm: an instant and a fixed ring of 16
/// counters, so every backend stores O(1) per key however high the limit.
///
/// - Sliding window: ``mark`` is the index of the newest sub-window
///   (`now / subWindow`), and the ring holds the requests counted in each of the
///   `subWindows + 1` sub-windows from `mark − subWindows` to `mark`, at slot
///   `index & 15`; every other slot is zero.
/// - GCRA: ``mark`` is the theoretical arrival time in microseconds; the ring is unused.
public struct LimiterState: Sendable, Hashable {
    /// The newest sub-window's index (sliding window) or theoretical arrival time in µs (GCRA).
    public var mark: Int64
    /// Requests per sub-window, at slot `index & 15`.
    var counts: SIMD16<UInt32>

    /// A state at `mark` with no request counted.
    public init(mark: Int64 = 0) {
        self.mark = mark
        counts = .zero
    }

    /// The state of a key never seen.
    public static let empty = LimiterState()

    /// Requests counted in the sub-window with `index` (0 outside the ones kept).
    public func count(inSubWindow index: Int64) -> Int64 {
        index <= mark && index >= mark - 15 ? Int64(counts[Int(index & 15)]) : 0
    }

    /// Requests counted in all kept sub-windows.
    var total: Int64 { Int64(counts.wrappedSum()) }

    /// Moves to sub-window `index` (after ``mark``), forgetting the sub-windows that no
    /// longer overlap a window of `subWindows` sub-windows ending in it.
    mutating func advance(to index: Int64, subWindows: Int64) {
        if index - mark > subWindows {
            counts = .zero
        } else {
            var expired = mark - subWindows
            while expired < index - subWindows {
                counts[Int(expired & 15)] = 0
                expired += 1
            }
        }
        mark = index
    }
}

extension RateLimit {
    /// Decides one request of `cost` at `now` (µs since the Unix epoch), updating `state`
    /// only when the request is admitted. Pure: the same inputs give the same outputs.
    public func decide(_ state: inout LimiterState, now: Int64, cost: Int = 1) -> RateLimitDecision {
        switch algorithm {
        case .slidingWindow:
            SlidingWindowCounter.decide(&state, now: now, limit: Int64(limit), window: windowMicroseconds,
                                        subWindows: Int64(subWindows), cost: Int64(cost))
        case .gcra: GCRA.decide(&state, now: now, limit: Int64(limit), burst: Int64(burst), window: windowMicroseconds, cost: Int64(cost))
        }
    }

    /// The instant (µs) after which a key's state no longer affects any decision, so a
    /// backend may forget it.
    public func expiry(of state: LimiterState) -> Int64 {
        switch algorithm {
        case .slidingWindow: (state.mark + Int64(subWindows) + 1) * subWindowMicroseconds
        case .gcra: state.mark
        }
    }
}
