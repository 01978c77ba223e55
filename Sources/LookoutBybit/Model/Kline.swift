/// What every candle row has: a start time and whether the candle had closed when the
/// exchange answered.
public protocol KlineRow: Sendable, Hashable {
    /// When the candle opens, in milliseconds since the Unix epoch (UTC).
    var startTime: Int64 { get }
    /// `false` for the still-forming candle: its close is the last traded price and it will
    /// change. Exclude it when you need final values.
    var isClosed: Bool { get set }
}

/// One trade-price candle from `/v5/market/kline`, with exact decimal values.
///
/// Units: for linear and spot, ``volume`` is in the base coin and ``turnover`` in the quote
/// coin; for inverse contracts Bybit reverses them (volume in USD, turnover in the coin).
/// Quiet intervals come back as flat candles with zero volume; they are kept.
public struct Kline: KlineRow {
    /// When the candle opens, in milliseconds since the Unix epoch (UTC).
    public var startTime: Int64
    /// First traded price in the interval.
    public var open: ExactDecimal
    /// Highest traded price.
    public var high: ExactDecimal
    /// Lowest traded price.
    public var low: ExactDecimal
    /// Last traded price (still moving while ``isClosed`` is `false`).
    public var close: ExactDecimal
    /// Traded quantity (see the type's note on units).
    public var volume: ExactDecimal
    /// Traded value (see the type's note on units).
    public var turnover: ExactDecimal
    /// `false` for the still-forming candle (see ``KlineRow/isClosed``).
    public var isClosed: Bool

    /// Creates a candle.
    public init(startTime: Int64, open: ExactDecimal, high: ExactDecimal, low: ExactDecimal, close: ExactDecimal,
                volume: ExactDecimal, turnover: ExactDecimal, isClosed: Bool = true) {
        self.startTime = startTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.turnover = turnover
        self.isClosed = isClosed
    }
}

/// One candle of a derived price series (mark, index or premium index): prices only.
public struct PriceKline: KlineRow {
    /// When the candle opens, in milliseconds since the Unix epoch (UTC).
    public var startTime: Int64
    /// Price at the start of the interval.
    public var open: ExactDecimal
    /// Highest price.
    public var high: ExactDecimal
    /// Lowest price.
    public var low: ExactDecimal
    /// Price at the end of the interval (latest price while ``isClosed`` is `false`).
    public var close: ExactDecimal
    /// `false` for the still-forming candle (see ``KlineRow/isClosed``).
    public var isClosed: Bool

    /// Creates a candle.
    public init(startTime: Int64, open: ExactDecimal, high: ExactDecimal, low: ExactDecimal, close: ExactDecimal, isClosed: Bool = true) {
        self.startTime = startTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.isClosed = isClosed
    }
}
