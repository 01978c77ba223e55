/// Which price series a 5-field kline endpoint returns (no volume or turnover).
///
/// | kind | endpoint | categories |
/// |---|---|---|
/// | ``markPrice`` | `/v5/market/mark-price-kline` | linear, inverse, option (limit ≤ 500) |
/// | ``indexPrice`` | `/v5/market/index-price-kline` | linear, inverse |
/// | ``premiumIndexPrice`` | `/v5/market/premium-index-price-kline` | linear |
public enum PriceKlineKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The mark price used for liquidations and unrealised PnL.
    case markPrice
    /// The index price (spot reference across venues).
    case indexPrice
    /// The premium index used for funding.
    case premiumIndexPrice

    public var description: String { rawValue }

    /// The categories Bybit accepts for this series.
    public var allowedCategories: [BybitCategory] {
        switch self {
        case .markPrice: [.linear, .inverse, .option]
        case .indexPrice: [.linear, .inverse]
        case .premiumIndexPrice: [.linear]
        }
    }

    /// The largest `limit` Bybit accepts for this series in `category`.
    public func maximumLimit(for category: BybitCategory) -> Int {
        self == .markPrice && category == .option ? 500 : 1000
    }

    var endpoint: BybitEndpoint {
        switch self {
        case .markPrice: .markPriceKline
        case .indexPrice: .indexPriceKline
        case .premiumIndexPrice: .premiumIndexPriceKline
        }
    }
}
