/// One long/short account ratio sample from `GET /v5/market/account-ratio`.
///
/// ``buyRatio`` and ``sellRatio`` are the shares of accounts holding longs and shorts; they
/// sum to 1. The long/short ratio is ``buyRatio`` ÷ ``sellRatio``.
public struct BybitAccountRatio: Sendable, Hashable {
    /// The symbol.
    public var symbol: String
    /// The share of accounts that are long, 0...1.
    public var buyRatio: ExactDecimal
    /// The share of accounts that are short, 0...1.
    public var sellRatio: ExactDecimal
    /// The bucket's start, ms since the epoch.
    public var timestamp: Int64

    /// Creates a sample.
    public init(symbol: String, buyRatio: ExactDecimal, sellRatio: ExactDecimal, timestamp: Int64) {
        self.symbol = symbol
        self.buyRatio = buyRatio
        self.sellRatio = sellRatio
        self.timestamp = timestamp
    }
}

/// One page of account ratios, **oldest first**, with the cursor to the next (older) page.
/// The response has no `category`.
public struct BybitAccountRatioPage: Sendable, Hashable {
    /// The samples, oldest first.
    public var rows: [BybitAccountRatio]
    /// The opaque cursor of the next page, as Bybit sent it; `nil` on the last page or when
    /// the response has none (answers before 2024-11 had no cursor).
    public var nextPageCursor: String?
    /// The exchange's clock when it answered, ms since the epoch.
    public var serverTime: Int64

    /// Creates a page.
    public init(rows: [BybitAccountRatio], nextPageCursor: String?, serverTime: Int64) {
        self.rows = rows
        self.nextPageCursor = nextPageCursor
        self.serverTime = serverTime
    }
}
