extension InstrumentModel {
    /// Premium-index values are in millionths (`0.000100` is 100).
    static let premiumIndexScale = 6

    /// The price (ticks) of series `kind` at the start of `day`: the open of that day and
    /// the close of the day before, so consecutive days chain exactly.
    func boundaryPrice(day: Int64, kind: PriceKind) -> Int64 {
        if kind == .premiumIndex {
            // A small mean-reverting rate around 0.0001 (100 millionths).
            var noise = 0.0
            for octave in 0..<5 {
                let span = Int64(1) << octave
                let cell = floorDivide(day, span)
                let fraction = Double(day - cell * span) / Double(span)
                let left = StableHash.signedUnit(StableHash.mix(nodeSeed ^ kind.rawValue, UInt64(octave), cell))
                let right = StableHash.signedUnit(StableHash.mix(nodeSeed ^ kind.rawValue, UInt64(octave), cell + 1))
                noise += (left + (right - left) * fraction) / Double(octave + 2)
            }
            return Int64((100 + 180 * noise).rounded())
        }
        var ticks = referenceTicks * DeterministicMath.exp(walkOffset(day: day))
        if kind != .last {
            // Mark and index prices sit within ±0.04 % of the last price at day boundaries.
            ticks *= 1 + 0.0004 * StableHash.signedUnit(StableHash.mix(nodeSeed ^ kind.rawValue, 0x0B, day))
        }
        return max(1, Int64(ticks.rounded()))
    }

    /// The root of the price tree: the whole-day candle of series `kind` on `day`.
    ///
    /// Mark and index days take the last price's range with their own (±0.04 %) open and
    /// close, and split with the last price's seed (see ``PriceKind/splitSeedKind``), so
    /// they track the last price closely inside the day, as real mark prices do.
    func dayNode(day: Int64, kind: PriceKind) -> CandleNode {
        let open = boundaryPrice(day: day, kind: kind)
        let close = boundaryPrice(day: day + 1, kind: kind)
        if kind == .mark || kind == .index {
            let last = dayNode(day: day, kind: .last)
            return CandleNode(
                open: open, high: max(last.high, open, close), low: min(last.low, open, close), close: close,
                volume: 0, turnover: 0, quiet: false)
        }
        let highest = max(open, close)
        let lowest = min(open, close)
        let seed = StableHash.mix(nodeSeed ^ kind.rawValue, 0xDA7, day)
        let wickScale = kind == .premiumIndex ? 60 : Double(highest) * instrument.dailyVolatility
        let upper = Int64((wickScale * (0.05 + 0.6 * StableHash.unit(StableHash.mix(seed, 1)))).rounded())
        let lower = Int64((wickScale * (0.05 + 0.6 * StableHash.unit(StableHash.mix(seed, 2)))).rounded())
        var node = CandleNode(
            open: open, high: highest + upper, low: lowest - lower, close: close, volume: 0, turnover: 0, quiet: false)
        if kind != .premiumIndex { node.low = max(node.low, min(lowest, 1)) }
        if kind.hasVolume {
            let move = Double(highest - lowest) / Double(max(open, 1))
            let expected = dailyVolumeSteps * (0.5 + StableHash.unit(StableHash.mix(seed, 3))) * (1 + 8 * move)
            node.volume = max(1, Int64(expected.rounded()))
            node.turnover = turnover(steps: node.volume, ticks: (node.open + node.high + node.low + node.close) / 4)
        }
        return node
    }
}
