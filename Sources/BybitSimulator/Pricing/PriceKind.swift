/// Which price series a kline endpoint serves.
enum PriceKind: UInt64, Sendable, Hashable {
    /// Last traded price, with volume and turnover (`/v5/market/kline`).
    case last = 1
    /// Mark price (`/v5/market/mark-price-kline`).
    case mark = 2
    /// Index price (`/v5/market/index-price-kline`).
    case index = 3
    /// Premium index (`/v5/market/premium-index-price-kline`): a small signed rate.
    case premiumIndex = 4

    /// Whether candles carry volume and turnover.
    var hasVolume: Bool { self == .last }

    /// The series whose seed splits this one's candles: mark and index prices reuse the
    /// last price's, so their intraday paths have the same shape.
    var splitSeedKind: PriceKind { self == .premiumIndex ? .premiumIndex : .last }
}
