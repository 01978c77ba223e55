/// Which candles a kline request returns: Bybit's `start` / `end` / `limit` rules.
///
/// Candles exist from the one containing the launch to the open one (or the last before
/// delivery). Within that span:
/// - `start` and `end`: candles with `candleStart(start) ≤ t ≤ end`; when more than
///   `limit`, the newest `limit` (the older part is dropped, as on Bybit).
/// - only `start`: the first `limit` candles from `candleStart(start)` forward.
/// - only `end`: the latest `limit` candles with `t ≤ end`.
/// - neither: the latest `limit` candles, ending with the open one.
///
/// The candle containing `start` is included even when `start` is mid-candle, and a
/// candle starting exactly at `end` is included.
struct KlineSelection: Sendable, Hashable {
    var interval: CandleInterval
    var start: Int64?
    var end: Int64?
    var limit: Int

    /// Candle start times, newest first, given the first and last existing candles.
    func candleStarts(first: Int64, last: Int64) -> [Int64] {
        guard first <= last, limit > 0 else { return [] }
        let lower = max(first, start.map(interval.candleStart(containing:)) ?? first)
        let upper = min(last, end.map(interval.candleStart(containing:)) ?? last)
        guard lower <= upper else { return [] }
        var starts: [Int64] = []
        starts.reserveCapacity(min(limit, 1000))
        if start != nil, end == nil {
            // Anchored at start, walking forward.
            var time = lower
            while time <= upper, starts.count < limit {
                starts.append(time)
                time = interval.candleStart(after: time)
            }
            starts.reverse()
        } else {
            var time = upper
            while time >= lower, starts.count < limit {
                starts.append(time)
                time = interval.candleStart(before: time)
            }
        }
        return starts
    }
}
