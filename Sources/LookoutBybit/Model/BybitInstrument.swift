/// One tradable symbol from `/v5/market/instruments-info`, with the fields a market-data
/// client needs. Optional fields are absent for categories that do not have them (spot has
/// no `launchTime`, `contractType` or `settleCoin`).
public struct BybitInstrument: Sendable, Hashable {
    /// The symbol, for example `BTCUSDT`.
    public var symbol: String
    /// `Trading`, `PreLaunch`, `Delivering` or `Closed`.
    public var status: String
    /// The base coin, for example `BTC`.
    public var baseCoin: String
    /// The quote coin, for example `USDT`.
    public var quoteCoin: String
    /// The settlement coin (derivatives only).
    public var settleCoin: String?
    /// For example `LinearPerpetual` or `InverseFutures` (derivatives only).
    public var contractType: String?
    /// Listing time in ms since the epoch: no candles exist before it (derivatives only).
    public var launchTime: Int64?
    /// Delivery or delisting time in ms since the epoch; `nil` for perpetuals (Bybit sends "0").
    public var deliveryTime: Int64?
    /// The price increment.
    public var tickSize: ExactDecimal?
    /// The quantity increment (`qtyStep`, or `basePrecision` for spot).
    public var quantityStep: ExactDecimal?
    /// The smallest order quantity.
    public var minOrderQuantity: ExactDecimal?
    /// The largest order quantity.
    public var maxOrderQuantity: ExactDecimal?

    /// Creates an instrument.
    public init(symbol: String, status: String, baseCoin: String, quoteCoin: String, settleCoin: String? = nil,
                contractType: String? = nil, launchTime: Int64? = nil, deliveryTime: Int64? = nil, tickSize: ExactDecimal? = nil,
                quantityStep: ExactDecimal? = nil, minOrderQuantity: ExactDecimal? = nil, maxOrderQuantity: ExactDecimal? = nil) {
        self.symbol = symbol
        self.status = status
        self.baseCoin = baseCoin
        self.quoteCoin = quoteCoin
        self.settleCoin = settleCoin
        self.contractType = contractType
        self.launchTime = launchTime
        self.deliveryTime = deliveryTime
        self.tickSize = tickSize
        self.quantityStep = quantityStep
        self.minOrderQuantity = minOrderQuantity
        self.maxOrderQuantity = maxOrderQuantity
    }
}

/// The exchange clock from `/v5/market/time`.
public struct BybitServerTime: Sendable, Hashable {
    /// Milliseconds since the epoch (the envelope's `time`).
    public var milliseconds: Int64
    /// Whole seconds since the epoch (`result.timeSecond`).
    public var seconds: Int64
    /// Nanoseconds since the epoch (`result.timeNano`).
    public var nanoseconds: Int64

    /// Creates a server time.
    public init(milliseconds: Int64, seconds: Int64, nanoseconds: Int64) {
        self.milliseconds = milliseconds
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }
}
