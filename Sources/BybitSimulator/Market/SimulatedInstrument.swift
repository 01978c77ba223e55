/// One tradable instrument of the simulated exchange, with the parameters of its price model.
///
/// The listing fields (`symbol`, coins, `launchTime`, `tickSize`, …) shape the
/// `instruments-info` rows and kline validation; the model fields (`referencePrice`,
/// `dailyVolume`, `dailyVolatility`, `quietRate`, `priceSeed`) shape the deterministic
/// candles. Instruments sharing a `priceSeed` and `referencePrice` share their day-level
/// price path, so spot `BTCUSDT`, linear `BTCUSDT` and inverse `BTCUSD` move together.
///
/// Values are validated when the instrument joins an ``InstrumentUniverse``.
public struct SimulatedInstrument: Sendable, Hashable {
    /// The symbol, upper-case letters and digits only, e.g. `BTCUSDT`.
    public var symbol: String
    /// The product type; ``MarketCategory/option`` is not simulated.
    public var category: MarketCategory
    /// The base coin, e.g. `BTC`.
    public var baseCoin: String
    /// The quote coin, e.g. `USDT` (`USD` for inverse contracts).
    public var quoteCoin: String
    /// When trading started, in ms since the epoch. No candle exists before it.
    public var launchTime: Int64
    /// When a dated future delivers, in ms since the epoch; `nil` for spot and perpetuals.
    /// No candle exists after it and the status becomes `Closed`.
    public var deliveryTime: Int64?
    /// The price increment; prices are exact multiples of it and use its number of decimals.
    public var tickSize: DecimalAmount
    /// The quantity increment (`qtyStep`, or `basePrecision` for spot); kline volumes are
    /// exact multiples of it. Inverse contracts use `1` (one USD contract).
    public var quantityStep: DecimalAmount
    /// The price at `referenceTime`; the random walk is anchored there.
    public var referencePrice: DecimalAmount
    /// The instant (ms since the epoch) at which the walk passes through `referencePrice`.
    public var referenceTime: Int64
    /// Further prices the walk passes through (besides `referencePrice` at
    /// `referenceTime`), so that long histories stay in a plausible range for their
    /// period; empty: the walk is pinned at the reference alone. Between two anchors the
    /// walk is a bridge from one to the other; before the first and after the last it
    /// wanders freely. Each anchor must fall on its own UTC day, not the reference's.
    public var priceHistory: [PriceAnchor]
    /// The typical traded volume per UTC day, in volume units (base coin; USD for inverse).
    public var dailyVolume: DecimalAmount
    /// The typical relative daily price move, e.g. `0.03` for 3 %. Must be in (0, 0.5].
    public var dailyVolatility: Double
    /// The probability that a one-minute candle has no trades (a flat, zero-volume candle).
    /// Hours are quiet with probability `quietRate²`; days never are. Must be in [0, 0.95].
    public var quietRate: Double
    /// The key of the day-level price path; instruments with the same seed move together.
    public var priceSeed: String
    /// The `leverageFilter.maxLeverage` shown for derivatives.
    public var maxLeverage: Int

    /// 2025-01-01T00:00:00Z, the default anchor of the price walk.
    public static let defaultReferenceTime: Int64 = 1_735_689_600_000

    /// Creates an instrument; see the property documentation for each parameter.
    /// `priceSeed` defaults to the base coin.
    public init(
        symbol: String, category: MarketCategory, baseCoin: String, quoteCoin: String,
        launchTime: Int64, deliveryTime: Int64? = nil,
        tickSize: DecimalAmount, quantityStep: DecimalAmount,
        referencePrice: DecimalAmount, referenceTime: Int64 = SimulatedInstrument.defaultReferenceTime,
        priceHistory: [PriceAnchor] = [],
        dailyVolume: DecimalAmount, dailyVolatility: Double = 0.03, quietRate: Double = 0,
        priceSeed: String? = nil, maxLeverage: Int = 50
    ) {
        self.symbol = symbol
        self.category = category
        self.baseCoin = baseCoin
        self.quoteCoin = quoteCoin
        self.launchTime = launchTime
        self.deliveryTime = deliveryTime
        self.tickSize = tickSize
        self.quantityStep = quantityStep
        self.referencePrice = referencePrice
        self.referenceTime = referenceTime
        self.priceHistory = priceHistory
        self.dailyVolume = dailyVolume
        self.dailyVolatility = dailyVolatility
        self.quietRate = quietRate
        self.priceSeed = priceSeed ?? baseCoin
        self.maxLeverage = maxLeverage
    }

    /// `category/symbol`, the instrument's identity in a universe.
    public var key: String { "\(category)/\(symbol)" }

    /// The coin margin and settlement use: the quote coin for linear, the base coin for inverse.
    public var settleCoin: String { category == .inverse ? baseCoin : quoteCoin }

    /// `LinearPerpetual`, `LinearFutures`, `InversePerpetual`, `InverseFutures`, or `""` for spot.
    public var contractType: String {
        switch (category, deliveryTime) {
        case (.linear, nil): "LinearPerpetual"
        case (.linear, _): "LinearFutures"
        case (.inverse, nil): "InversePerpetual"
        case (.inverse, _): "InverseFutures"
        default: ""
        }
    }

    /// The listing status at `milliseconds`: `PreLaunch` before the launch, `Delivering` in
    /// the 30 minutes before a delivery (or delisting), `Closed` from it on, `Trading` in
    /// between. (How long Bybit shows `Delivering` is not documented; 30 minutes is an
    /// assumption.)
    public func status(at milliseconds: Int64) -> String {
        if milliseconds < launchTime { return "PreLaunch" }
        if let deliveryTime {
            if milliseconds >= deliveryTime { return "Closed" }
            if milliseconds >= deliveryTime - 1_800_000 { return "Delivering" }
        }
        return "Trading"
    }

    /// Decimals of the kline turnover: 8 for spot and inverse (as recorded), 4 for linear.
    var turnoverScale: Int { category == .linear ? 4 : 8 }
}
