import LookoutBybit

/// One cached piece of a candle series: up to ``capacity`` consecutive candle slots of one
/// (category, symbol, interval), starting at ``start``, holding the candles the exchange
/// returned for those slots.
///
/// Slots without a candle are slots the exchange had no candle for (before a listing, after
/// a delivery, or a gap in its data); a chunk is only ever built from a complete answer for
/// its whole span, so a missing slot is never a request that failed.
public struct CandleChunk: Sendable, Hashable {
    /// The start time of the chunk's first slot, ms since the Unix epoch; a multiple of
    /// `capacity × interval`.
    public var start: Int64
    /// The candle length.
    public var interval: KlineInterval
    /// How many candle slots the chunk spans.
    public var capacity: Int
    /// The candles, ascending by start time, each starting on a slot inside the chunk. Only
    /// the last one may be open (``Kline/isClosed`` `false`).
    public var rows: [Kline]

    /// Creates a chunk.
    public init(start: Int64, interval: KlineInterval, capacity: Int, rows: [Kline]) {
        self.start = start
        self.interval = interval
        self.capacity = capacity
        self.rows = rows
    }

    /// The first millisecond after the chunk's last slot.
    public var end: Int64 { start + Int64(capacity) * (interval.milliseconds ?? 0) }

    /// Whether the last candle is still forming.
    public var hasOpenCandle: Bool { rows.last.map { !$0.isClosed } ?? false }
}
