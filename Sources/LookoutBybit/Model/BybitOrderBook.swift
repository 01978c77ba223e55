/// One price level of an order book: a price and the quantity resting there.
public struct BybitBookLevel: Sendable, Hashable {
    /// The price.
    public var price: ExactDecimal
    /// The quantity at ``price`` (base coin; USD contracts for inverse).
    public var size: ExactDecimal

    /// Creates a level.
    public init(price: ExactDecimal, size: ExactDecimal) {
        self.price = price
        self.size = size
    }
}

/// A snapshot of `GET /v5/market/orderbook`.
///
/// The client checks the book before returning it: bids strictly descending, asks strictly
/// ascending, positive prices and sizes, and the best bid below the best ask. A book that
/// breaks any of these is a ``BybitError/Code/malformedResponse``.
public struct BybitOrderBook: Sendable, Hashable {
    /// The symbol (`s`).
    public var symbol: String
    /// Bids (`b`), best (highest) first.
    public var bids: [BybitBookLevel]
    /// Asks (`a`), best (lowest) first.
    public var asks: [BybitBookLevel]
    /// When the snapshot was generated (`ts`), ms since the epoch.
    public var timestamp: Int64
    /// The update id (`u`); matches the 1000-level WebSocket book.
    public var updateID: Int64
    /// The cross sequence (`seq`), when sent (added 2024-02-29).
    public var sequence: Int64?
    /// The matching engine's time (`cts`), ms, when sent (added 2024).
    public var matchingEngineTime: Int64?
    /// The exchange's clock when it answered (envelope `time`), ms since the epoch.
    public var serverTime: Int64

    /// Creates a book.
    public init(symbol: String, bids: [BybitBookLevel], asks: [BybitBookLevel], timestamp: Int64, updateID: Int64,
                sequence: Int64? = nil, matchingEngineTime: Int64? = nil, serverTime: Int64) {
        self.symbol = symbol
        self.bids = bids
        self.asks = asks
        self.timestamp = timestamp
        self.updateID = updateID
        self.sequence = sequence
        self.matchingEngineTime = matchingEngineTime
        self.serverTime = serverTime
    }

    /// The midpoint of the best bid and ask, `nil` when a side is empty.
    public var midPrice: ExactDecimal? {
        guard let bid = bids.first?.price, let ask = asks.first?.price else { return nil }
        return ExactDecimal.midpoint(bid, ask)
    }
}
