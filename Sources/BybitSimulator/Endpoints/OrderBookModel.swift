/// The simulated order book of an instrument at one instant: levels one tick apart on each
/// side of the last price, so the best bid is one tick below it, the best ask one tick
/// above, and the mid **is** the last price. Sizes are hashed from the instrument, the
/// second and the level, and grow with depth and with the instrument's daily volume.
struct OrderBookModel {
    let snapshot: MarketSnapshot
    private let seed: UInt64
    private let second: Int64
    private let baseSteps: Double

    init(snapshot: MarketSnapshot) {
        self.snapshot = snapshot
        seed = StableHash.mix(snapshot.model.nodeSeed, 0x0B00C)
        second = floorDivide(snapshot.visibleUntil - 1, 1000)
        baseSteps = max(1, snapshot.model.dailyVolumeSteps / 40_000)
    }

    /// The price in ticks of level `level` (0 = best) of a side; `nil` when it would not be
    /// positive.
    func price(bid: Bool, level: Int) -> Int64? {
        let ticks = bid ? snapshot.last - 1 - Int64(level) : snapshot.last + 1 + Int64(level)
        return ticks > 0 ? ticks : nil
    }

    /// The size in quantity steps at `level` of a side, at least one step.
    func size(bid: Bool, level: Int) -> Int128 {
        let hash = StableHash.mix(StableHash.mix(seed, bid ? 1 : 2, second), UInt64(level))
        let factor = 0.2 + 1.8 * StableHash.unit(hash)
        return Int128(max(1, (baseSteps * factor * (1 + Double(level) / 8)).rounded()))
    }

    /// How many levels of a side exist, up to `limit`.
    func levels(bid: Bool, limit: Int) -> Int {
        bid ? Int(min(Int64(limit), max(0, snapshot.last - 1))) : limit
    }
}
