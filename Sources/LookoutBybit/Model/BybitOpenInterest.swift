/// One open-interest sample from `GET /v5/market/open-interest`.
public struct BybitOpenInterest: Sendable, Hashable {
    /// Open interest: base coin for linear, USD for inverse.
    public var openInterest: ExactDecimal
    /// One side's open interest (`singleOpenInterest`, added 2026-06); `nil` in older answers.
    public var singleOpenInterest: ExactDecimal?
    /// The bucket's start, ms since the epoch.
    public var timestamp: Int64

    /// Creates a sample.
    public init(openInterest: ExactDecimal, singleOpenInterest: ExactDecimal? = nil, timestamp: Int64) {
        self.openInterest = openInterest
        self.singleOpenInterest = singleOpenInterest
        self.timestamp = timestamp
    }
}

/// One page of open interest, **oldest first**, with the cursor to the next (older) page.
public struct BybitOpenInterestPage: Sendable, Hashable {
    /// The symbol the response named.
    public var symbol: String
    /// The category the response named.
    public var category: BybitCategory
    /// The samples, oldest first.
    public var rows: [BybitOpenInterest]
    /// The opaque cursor of the next page, already percent-encoded as Bybit sent it; `nil`
    /// on the last page (Bybit sends `""`).
    public var nextPageCursor: String?
    /// The exchange's clock when it answered, ms since the epoch.
    public var serverTime: Int64

    /// Creates a page.
    public init(symbol: String, category: BybitCategory, rows: [BybitOpenInterest], nextPageCursor: String?, serverTime: Int64) {
        self.symbol = symbol
        self.category = category
        self.rows = rows
        self.nextPageCursor = nextPageCursor
        self.serverTime = serverTime
    }
}
