/// One candle of the simulator's price tree, in integer units.
///
/// Prices are in ticks of the instrument's tick size (premium index: millionths), volume
/// in quantity steps, turnover in `10^-turnoverScale` of the turnover currency.
/// Invariants: `low ≤ min(open, close)`, `high ≥ max(open, close)`; a quiet node is flat
/// with zero volume and turnover.
struct CandleNode: Sendable, Hashable {
    var open: Int64
    var high: Int64
    var low: Int64
    var close: Int64
    var volume: Int64
    var turnover: Int64
    /// No trades in this period: flat at the previous close, zero volume.
    var quiet: Bool

    /// A flat node at `price`.
    static func flat(at price: Int64, quiet: Bool) -> CandleNode {
        CandleNode(open: price, high: price, low: price, close: price, volume: 0, turnover: 0, quiet: quiet)
    }
}

/// A candle as served: the aggregate of the tree nodes inside its time range.
struct KlineCandle: Sendable, Hashable {
    /// The candle's start, ms since the epoch.
    var start: Int64
    var open: Int64
    var high: Int64
    var low: Int64
    var close: Int64
    var volume: Int128
    var turnover: Int128

    init(start: Int64, first node: CandleNode) {
        self.start = start
        open = node.open
        high = node.high
        low = node.low
        close = node.close
        volume = Int128(node.volume)
        turnover = Int128(node.turnover)
    }

    /// Extends the candle with the next node in time order.
    mutating func append(_ node: CandleNode) {
        high = max(high, node.high)
        low = min(low, node.low)
        close = node.close
        volume += Int128(node.volume)
        turnover += Int128(node.turnover)
    }
}
