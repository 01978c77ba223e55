/// One funding settlement from `GET /v5/market/funding/history`.
public struct BybitFundingRate: Sendable, Hashable {
    /// The symbol.
    public var symbol: String
    /// The rate paid from longs to shorts (negative: shorts pay), as a fraction.
    public var fundingRate: ExactDecimal
    /// The settlement time (`fundingRateTimestamp`), ms since the epoch.
    public var timestamp: Int64

    /// Creates a settlement.
    public init(symbol: String, fundingRate: ExactDecimal, timestamp: Int64) {
        self.symbol = symbol
        self.fundingRate = fundingRate
        self.timestamp = timestamp
    }
}

/// One page of funding history, **oldest first** (Bybit sends newest first).
///
/// There is no cursor: to go further back, ask again with `endTime` just before the
/// oldest row (``BybitClient/fundingRates(category:symbol:from:to:)`` does).
public struct BybitFundingHistory: Sendable, Hashable {
    /// The category the response named.
    public var category: BybitCategory
    /// The settlements, oldest first.
    public var rates: [BybitFundingRate]
    /// The exchange's clock when it answered, ms since the epoch.
    public var serverTime: Int64

    /// Creates a page.
    public init(category: BybitCategory, rates: [BybitFundingRate], serverTime: Int64) {
        self.category = category
        self.rates = rates
        self.serverTime = serverTime
    }
}
