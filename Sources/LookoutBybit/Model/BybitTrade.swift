/// The taker side of a trade.
public enum BybitTradeSide: String, Sendable, Hashable, CustomStringConvertible {
    /// The taker bought (`Buy`).
    case buy = "Buy"
    /// The taker sold (`Sell`).
    case sell = "Sell"

    public var description: String { rawValue }
}

/// One public trade from `GET /v5/market/recent-trade`.
public struct BybitTrade: Sendable, Hashable {
    /// The execution id (`execId`): digits on spot, a UUID on some contracts. Opaque.
    public var executionID: String
    /// The symbol.
    public var symbol: String
    /// The price.
    public var price: ExactDecimal
    /// The quantity.
    public var size: ExactDecimal
    /// The taker side.
    public var side: BybitTradeSide
    /// When it traded, ms since the epoch.
    public var time: Int64
    /// Whether it was a block trade.
    public var isBlockTrade: Bool
    /// Whether it filled a retail price improvement order (`nil` in older responses).
    public var isRPITrade: Bool?
    /// The cross sequence (`seq`, added 2025-08); several fills can share one.
    public var sequence: String?
    /// Options only: mark price, index price, mark IV and trade IV (`mP`, `iP`, `mIv`, `iv`).
    public var markPrice: ExactDecimal?, indexPrice: ExactDecimal?, markIV: ExactDecimal?, iv: ExactDecimal?

    /// Creates a trade.
    public init(executionID: String, symbol: String, price: ExactDecimal, size: ExactDecimal, side: BybitTradeSide, time: Int64,
                isBlockTrade: Bool = false, isRPITrade: Bool? = nil, sequence: String? = nil) {
        self.executionID = executionID
        self.symbol = symbol
        self.price = price
        self.size = size
        self.side = side
        self.time = time
        self.isBlockTrade = isBlockTrade
        self.isRPITrade = isRPITrade
        self.sequence = sequence
    }
}

/// The answer of `GET /v5/market/recent-trade`: the latest trades, **oldest first** (Bybit
/// sends them newest first; the client reverses them).
public struct BybitTrades: Sendable, Hashable {
    /// The category the response named.
    public var category: BybitCategory
    /// The trades, oldest first.
    public var trades: [BybitTrade]
    /// The exchange's clock when it answered, ms since the epoch.
    public var serverTime: Int64

    /// Creates a result.
    public init(category: BybitCategory, trades: [BybitTrade], serverTime: Int64) {
        self.category = category
        self.trades = trades
        self.serverTime = serverTime
    }
}
