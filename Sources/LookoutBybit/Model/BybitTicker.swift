/// One row of `GET /v5/market/tickers`: the latest price, best quotes and 24-hour
/// statistics of a symbol.
///
/// Every price, size, rate and amount is an ``ExactDecimal`` with the exchange's digits.
/// A field Bybit sends as `""` because it does not apply (``basisRate`` on a perpetual,
/// ``usdIndexPrice`` on a spot pair that is not collateral, an empty side of the book) or
/// does not send at all (spot has no ``markPrice``) is `nil`; a field that is not a decimal
/// string is a ``BybitError/Code/malformedResponse``, never `nil`.
///
/// Units: linear volume and open interest are in the base coin and turnover in the quote
/// coin; inverse swaps them (volume and open interest in USD contracts, turnover in the
/// coin). ``price24hPcnt`` is a fraction (`0.142425` is +14.24 %).
///
/// String fields the client does not model (option greeks, `preOpenPrice`,
/// `curPreListingPhase`, fields added later) are kept verbatim in ``otherFields``.
public struct BybitTicker: Sendable, Hashable {
    /// The symbol, e.g. `BTCUSDT`.
    public var symbol: String
    /// The last traded price.
    public var lastPrice: ExactDecimal?
    /// Best bid price and size.
    public var bid1Price: ExactDecimal?, bid1Size: ExactDecimal?
    /// Best ask price and size.
    public var ask1Price: ExactDecimal?, ask1Size: ExactDecimal?
    /// The price 24 hours ago and the change since, as a fraction.
    public var prevPrice24h: ExactDecimal?, price24hPcnt: ExactDecimal?
    /// The highest and lowest trade of the last 24 hours.
    public var highPrice24h: ExactDecimal?, lowPrice24h: ExactDecimal?
    /// Traded amount over 24 hours (see the type's note on units).
    public var turnover24h: ExactDecimal?, volume24h: ExactDecimal?
    /// Spot only: the coin's USD index price, `nil` when the coin is not collateral.
    public var usdIndexPrice: ExactDecimal?
    /// Derivatives: index and mark prices.
    public var indexPrice: ExactDecimal?, markPrice: ExactDecimal?
    /// Derivatives: the price an hour ago.
    public var prevPrice1h: ExactDecimal?
    /// Derivatives: open interest and its value.
    public var openInterest: ExactDecimal?, openInterestValue: ExactDecimal?
    /// Perpetuals: the funding rate of the next settlement, as a fraction.
    public var fundingRate: ExactDecimal?
    /// Perpetuals: the next settlement, ms since the epoch.
    public var nextFundingTime: Int64?
    /// Perpetuals: hours between settlements (`fundingIntervalHour`, e.g. 8).
    public var fundingIntervalHours: Int?
    /// Perpetuals: the funding-rate cap.
    public var fundingCap: ExactDecimal?
    /// Dated futures: the predicted delivery price, basis, basis rate (and annualised),
    /// delivery fee rate.
    public var predictedDeliveryPrice: ExactDecimal?, basis: ExactDecimal?, basisRate: ExactDecimal?
    /// Dated futures: the annualised basis rate and the delivery fee rate.
    public var basisRateYear: ExactDecimal?, deliveryFeeRate: ExactDecimal?
    /// Dated futures: delivery time in ms; `nil` for perpetuals (Bybit sends `"0"`).
    public var deliveryTime: Int64?
    /// Every other string field of the row, verbatim, by its key.
    public var otherFields: [String: String]

    /// Creates a ticker with only a symbol; set the other fields as needed.
    public init(symbol: String, otherFields: [String: String] = [:]) {
        self.symbol = symbol
        self.otherFields = otherFields
    }
}

/// The answer of `GET /v5/market/tickers`: one ticker per symbol of a category.
public struct BybitTickers: Sendable, Hashable {
    /// The category the response named.
    public var category: BybitCategory
    /// The tickers, in the exchange's order (not documented; do not rely on it).
    public var tickers: [BybitTicker]
    /// The exchange's clock when it answered, ms since the epoch.
    public var serverTime: Int64

    /// Creates a result.
    public init(category: BybitCategory, tickers: [BybitTicker], serverTime: Int64) {
        self.category = category
        self.tickers = tickers
        self.serverTime = serverTime
    }
}
