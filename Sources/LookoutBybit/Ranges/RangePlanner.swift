/// One request window of a range fetch: both bounds are sent as `start` and `end`.
struct PageWindow: Sendable, Hashable {
    var start: Int64
    var end: Int64
}

/// Splits a time range into request windows that can never hold more candles than one
/// response returns, so Bybit's "newest `limit` candles of the range" rule never drops any.
///
/// - Minute and day intervals: windows start on candle boundaries (the first one is
///   `from` rounded **up**, so the candle containing a mid-candle `from` is not fetched),
///   and span `(limit - 1) × interval`, which holds exactly `limit` start times.
/// - Week and month intervals have undocumented alignment, and a window returns the candle
///   *containing* its start as well. Windows therefore start anywhere and are sized for the
///   worst case: `(limit - 2) × 7 days` for weeks, `(limit - 2) × 28 days` (the shortest
///   month) for months. A window of that length plus the preceding partial candle still
///   holds at most `limit` candles; overlaps between windows are de-duplicated afterwards.
enum RangePlanner {
    /// The windows covering candle start times in `from...to`, oldest first.
    static func windows(from: Int64, to: Int64, interval: KlineInterval, limit: Int) -> [PageWindow] {
        precondition(limit >= 3, "range windows need a page limit of at least 3")
        guard from <= to else { return [] }
        switch interval {
        case .week, .month:
            let span = Int64(limit - 2) * interval.minimumMilliseconds
            var windows: [PageWindow] = []
            var start = from
            while start <= to {
                let end = start > to - span ? to : start + span
                windows.append(PageWindow(start: start, end: end))
                if end == to { break }
                start = end + 1
            }
            return windows
        default:
            let length = interval.milliseconds!
            let first = from % length == 0 ? from : (from / length + 1) * length
            guard first <= to else { return [] }
            let step = Int64(limit) * length
            var windows: [PageWindow] = []
            windows.reserveCapacity(Int((to - first) / step) + 1)
            var start = first
            while start <= to {
                let end = start > to - Int64(limit - 1) * length ? to : start + Int64(limit - 1) * length
                windows.append(PageWindow(start: start, end: end))
                if start > to - step { break }
                start += step
            }
            return windows
        }
    }

    /// How many windows ``windows(from:to:interval:limit:)`` would return, without building
    /// them (to refuse oversized ranges before allocating).
    static func windowCount(from: Int64, to: Int64, interval: KlineInterval, limit: Int) -> Int {
        guard from <= to else { return 0 }
        switch interval {
        case .week, .month:
            let span = Int64(limit - 2) * interval.minimumMilliseconds + 1
            return Int((to - from) / span) + 1
        default:
            let length = interval.milliseconds!
            let first = from % length == 0 ? from : (from / length + 1) * length
            guard first <= to else { return 0 }
            return Int((to - first) / (Int64(limit) * length)) + 1
        }
    }
}
