/// The public market-data endpoints the client calls; `label` is a bounded name for stats
/// and metrics.
enum BybitEndpoint: String, Sendable, Hashable, CaseIterable {
    case kline = "/v5/market/kline"
    case markPriceKline = "/v5/market/mark-price-kline"
    case indexPriceKline = "/v5/market/index-price-kline"
    case premiumIndexPriceKline = "/v5/market/premium-index-price-kline"
    case instrumentsInfo = "/v5/market/instruments-info"
    case time = "/v5/market/time"
    case tickers = "/v5/market/tickers"
    case orderBook = "/v5/market/orderbook"
    case recentTrade = "/v5/market/recent-trade"
    case fundingHistory = "/v5/market/funding/history"
    case openInterest = "/v5/market/open-interest"
    case accountRatio = "/v5/market/account-ratio"

    var path: String { rawValue }

    /// The endpoints whose rows count in `bybit_market_rows_fetched_total` (every market
    /// endpoint but the klines, instruments and time).
    static let marketRowEndpoints: [BybitEndpoint] = [.tickers, .orderBook, .recentTrade, .fundingHistory, .openInterest, .accountRatio]

    var label: String {
        switch self {
        case .kline: "kline"
        case .markPriceKline: "mark_price_kline"
        case .indexPriceKline: "index_price_kline"
        case .premiumIndexPriceKline: "premium_index_price_kline"
        case .instrumentsInfo: "instruments_info"
        case .time: "time"
        case .tickers: "tickers"
        case .orderBook: "orderbook"
        case .recentTrade: "recent_trade"
        case .fundingHistory: "funding_history"
        case .openInterest: "open_interest"
        case .accountRatio: "account_ratio"
        }
    }
}
