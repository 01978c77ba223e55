/// What an instrument looks like at one instant, computed from the same candle tree the
/// kline endpoints serve, so every endpoint agrees with the candles:
///
/// - ``last`` is the close of the open candle (the latest second's close);
/// - the 24-hour and 1-hour figures aggregate the candles of those windows;
/// - ``mark`` and ``index`` are the closes of the mark- and index-price series;
/// - funding rates are the premium index's close at each settlement.
///
/// Prices are in ticks, volume in quantity steps, turnover in `10^-turnoverScale` units.
struct MarketSnapshot {
    let model: InstrumentModel
    /// The end (exclusive, ms) of the visible candles at the snapshot's instant.
    let visibleUntil: Int64
    let last: Int64
    let day: KlineCandle
    let hourOpen: Int64
    let mark: Int64
    let index: Int64

    /// The snapshot at `now` (ms); `nil` before the instrument has any candle.
    init?(model: InstrumentModel, now: Int64) {
        let until = model.visibleUntil(now: now)
        guard until > model.visibleFrom else { return nil }
        self.model = model
        visibleUntil = until
        let from24h = max(model.visibleFrom, until - CandleInterval.millisecondsPerDay)
        let from1h = max(model.visibleFrom, until - 3_600_000)
        var lastTree = CandleTree(model: model, kind: .last)
        guard let day = lastTree.candle(start: from24h, from: from24h, to: until),
              let hour = lastTree.candle(start: from1h, from: from1h, to: until) else { return nil }
        self.day = day
        last = day.close
        hourOpen = hour.open
        var markTree = CandleTree(model: model, kind: .mark)
        var indexTree = CandleTree(model: model, kind: .index)
        let second = until - 1000
        mark = markTree.candle(start: second, from: second, to: until)?.close ?? day.close
        index = indexTree.candle(start: second, from: second, to: until)?.close ?? day.close
    }

    /// Eight hours, Bybit's default funding interval.
    static let fundingInterval: Int64 = 8 * 3_600_000

    /// The funding rate (millionths) of the settlement at `settlement` (a multiple of 8 h):
    /// the premium index's close over the eight hours before it.
    static func fundingRate(model: InstrumentModel, settlement: Int64, tree: inout CandleTree) -> Int64 {
        let from = max(model.visibleFrom, settlement - fundingInterval)
        return tree.candle(start: from, from: from, to: max(from + 1000, min(settlement, model.visibleUntilLimit)))?.close ?? 100
    }

    /// `ticks` as a price string with the tick size's decimals (`"120635.50"`).
    func price(_ ticks: Int64, to writer: inout JSONWriter) {
        writer.quotedDecimal(Int128(ticks) * Int128(model.tickUnits), scale: model.priceScale, trimmingZeros: false)
    }

    /// `steps` quantity steps as a size string, trailing zeros trimmed (`"1.862172"`).
    func size(_ steps: Int128, to writer: inout JSONWriter) {
        writer.quotedDecimal(steps * Int128(model.stepUnits), scale: model.volumeScale, trimmingZeros: true)
    }
}
