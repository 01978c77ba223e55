/// A Bybit V5 product category, the `category` query parameter.
///
/// Each endpoint accepts only some categories (see ``PriceKlineKind`` and
/// ``BybitClient/klines(category:symbol:interval:start:end:limit:)``); the client checks
/// before sending and throws ``BybitError/Code/invalidArgument`` otherwise.
public enum BybitCategory: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Spot trading pairs, for example `BTCUSDT`.
    case spot
    /// USDT and USDC perpetuals and futures, for example `BTCUSDT`.
    case linear
    /// Inverse (coin-margined) contracts, for example `BTCUSD`.
    case inverse
    /// Options, for example `BTC-30DEC22-18000-C`.
    case option

    public var description: String { rawValue }
}
