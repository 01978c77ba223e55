import LookoutBybit

/// Where a ``CandleCache`` gets candles it does not hold: ``BybitClient`` (the
/// conformance below), or anything else that answers a range the same way.
public protocol CandleUpstream: Sendable {
    /// Trade-price candles with start times in `from...to`, ascending, the open candle
    /// marked; see ``BybitClient/candles(category:symbol:interval:from:to:)``.
    func candles(category: BybitCategory, symbol: String, interval: KlineInterval, from: Int64, to: Int64) async throws(BybitError) -> KlineSeries<Kline>

    /// One page of candles with the API's own parameters; see
    /// ``BybitClient/klines(category:symbol:interval:start:end:limit:)``.
    func klines(category: BybitCategory, symbol: String, interval: KlineInterval, start: Int64?, end: Int64?, limit: Int?) async throws(BybitError) -> KlinePage<Kline>
}

extension BybitClient: CandleUpstream {}
