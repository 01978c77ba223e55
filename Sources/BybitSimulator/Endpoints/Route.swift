/// The public market endpoints the simulator serves.
enum Route: String, Sendable, Hashable, CaseIterable {
    case kline = "/v5/market/kline"
    case markPriceKline = "/v5/market/mark-price-kline"
    case indexPriceKline = "/v5/market/index-price-kline"
    case premiumIndexPriceKline = "/v5/market/premium-index-price-kline"
    case serverTime = "/v5/market/time"
    case instrumentsInfo = "/v5/market/instruments-info"
    case tickers = "/v5/market/tickers"
    case orderBook = "/v5/market/orderbook"
    case recentTrade = "/v5/market/recent-trade"
    case fundingHistory = "/v5/market/funding/history"
    case openInterest = "/v5/market/open-interest"
    case accountRatio = "/v5/market/account-ratio"

    /// The statistics key for requests that matched no route.
    static let unknownPathKey = "(unknown)"

    /// The price series of a kline route, or `nil` for the other routes.
    var priceKind: PriceKind? {
        switch self {
        case .kline: .last
        case .markPriceKline: .mark
        case .indexPriceKline: .index
        case .premiumIndexPriceKline: .premiumIndex
        default: nil
        }
    }

    /// The categories each kline route accepts, as Bybit documents them.
    var klineCategories: Set<MarketCategory> {
        switch self {
        case .kline: [.spot, .linear, .inverse]
        case .markPriceKline: [.linear, .inverse, .option]
        case .indexPriceKline: [.linear, .inverse]
        case .premiumIndexPriceKline: [.linear]
        default: []
        }
    }
}
