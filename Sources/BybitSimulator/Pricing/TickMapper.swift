/// The monotone piecewise-linear map from a split's fine-grid path to whole ticks.
///
/// Between the parent's open and close the map is plain rounding-down (fine → ticks);
/// above `max(open, close)` it stretches `(hiFine, rawMax]` onto `(hi, high]`, below
/// `min(open, close)` it stretches `[rawMin, loFine)` onto `[low, lo)`. Integer arithmetic
/// keeps the endpoints exact: `map(rawMax) == high`, `map(rawMin) == low`, and the open
/// and close map to themselves.
struct TickMapper {
    private let fine: Int64
    private let lo: Int64, hi: Int64, low: Int64, high: Int64
    private let loFine: Int64, hiFine: Int64
    private let rawMin: Int64, rawMax: Int64

    init(parent: CandleNode, fineUnitsPerTick fine: Int64, raw: [CandleNode]) {
        self.fine = fine
        lo = min(parent.open, parent.close)
        hi = max(parent.open, parent.close)
        low = parent.low
        high = parent.high
        loFine = lo * fine
        hiFine = hi * fine
        rawMin = raw.reduce(loFine) { min($0, $1.low) }
        rawMax = raw.reduce(hiFine) { max($0, $1.high) }
    }

    func map(_ value: Int64) -> Int64 {
        if value >= hiFine {
            guard rawMax > hiFine else { return hi }
            return hi + Int64(Int128(value - hiFine) * Int128(high - hi) / Int128(rawMax - hiFine))
        }
        if value <= loFine {
            guard rawMin < loFine else { return lo }
            return low + Int64(Int128(value - rawMin) * Int128(lo - low) / Int128(loFine - rawMin))
        }
        return floorDivide(value, fine)
    }
}
