/// A Bybit product type, as sent in the `category` query parameter.
public enum MarketCategory: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Spot pairs such as `BTCUSDT` (volume in the base coin, turnover in the quote coin).
    case spot
    /// USDT- and USDC-margined contracts (volume in the base coin, turnover in the quote coin).
    case linear
    /// Coin-margined contracts such as `BTCUSD` (volume in USD contracts, turnover in the base coin).
    case inverse
    /// Options. Accepted as a parameter value; the simulator lists no option instruments.
    case option

    /// The wire spelling, e.g. `linear`.
    public var description: String { rawValue }
}
