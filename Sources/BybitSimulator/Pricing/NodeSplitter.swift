/// Splits a candle into its sub-period candles, consistently with it.
///
/// This is what makes every interval agree: a day splits into 24 hours, an hour into 60
/// minutes, a minute into 60 seconds, and for every split the children chain
/// (`child[i].close == child[i+1].open`), start at the parent's open, end at its close,
/// reach exactly its high and low, and sum exactly to its volume and turnover. A 15-minute
/// candle is then just the aggregate of 15 one-minute nodes, and its high is the maximum of
/// theirs by construction.
///
/// How: a hashed random bridge from open to close over the active (non-quiet) children,
/// plus hashed wicks, computed in a fine grid (1/1024 tick); then a monotone piecewise-linear
/// map sends that path into the parent's [low, high] in whole ticks, fixing open and close
/// and sending the path's extremes exactly onto the parent's. Monotone maps keep every
/// child's `low ≤ open, close ≤ high`. Quiet children are flat at the previous close with
/// zero volume. Scratch buffers are reused between calls; an instance is not thread-safe.
struct NodeSplitter {
    private static let fineUnitsPerTick: Int64 = 1024

    private var quiet: [Bool] = []
    private var path: [Int64] = []
    private var raw: [CandleNode] = []
    private var weights: [Int64] = []

    /// Fills `children` with `count` sub-candles of `parent`.
    ///
    /// - Parameters:
    ///   - seed: identifies the parent node; the same seed always gives the same split.
    ///   - quietRate: probability that a child has no trades (only for series with volume).
    mutating func split(
        _ parent: CandleNode, seed: UInt64, count: Int, quietRate: Double,
        model: InstrumentModel, kind: PriceKind, into children: inout [CandleNode]
    ) {
        children.removeAll(keepingCapacity: true)
        if parent.quiet {
            children.append(contentsOf: repeatElement(.flat(at: parent.open, quiet: true), count: count))
            return
        }
        let active = chooseActiveChildren(parent, seed: seed, count: count, quietRate: kind.hasVolume ? quietRate : 0, volume: kind.hasVolume)
        let sigma = buildPath(parent, seed: seed, active: active)
        buildRawChildren(parent, seed: seed, count: count, sigma: sigma)
        let mapper = TickMapper(parent: parent, fineUnitsPerTick: Self.fineUnitsPerTick, raw: raw)
        for node in raw {
            children.append(CandleNode(
                open: mapper.map(node.open), high: mapper.map(node.high), low: mapper.map(node.low),
                close: mapper.map(node.close), volume: 0, turnover: 0, quiet: node.quiet))
        }
        if kind.hasVolume { distributeVolume(parent, seed: seed, active: active, model: model, children: &children) }
    }

    /// Marks quiet children; returns how many are active (at least one, at most the
    /// parent's volume so that every active child trades at least one quantity step).
    private mutating func chooseActiveChildren(_ parent: CandleNode, seed: UInt64, count: Int, quietRate: Double, volume: Bool) -> Int {
        quiet.removeAll(keepingCapacity: true)
        var active = 0
        for index in 0..<count {
            let isQuiet = quietRate > 0 && StableHash.unit(StableHash.mix(seed, 1, Int64(index))) < quietRate
            quiet.append(isQuiet)
            if !isQuiet { active += 1 }
        }
        if active == 0 {
            quiet[Int(StableHash.mix(seed, UInt64(2)) % UInt64(count))] = false
            active = 1
        }
        if volume, parent.volume < Int64(active) {
            let keep = max(1, Int(parent.volume))
            let first = Int(StableHash.mix(seed, UInt64(3)) % UInt64(count))
            var kept = 0
            for offset in 0..<count where !quiet[(first + offset) % count] {
                if kept < keep { kept += 1 } else { quiet[(first + offset) % count] = true }
            }
            active = kept
        }
        return active
    }

    /// The bridge from open to close in fine units, one point per active child boundary.
    /// Returns the step size used, which also scales the wicks.
    private mutating func buildPath(_ parent: CandleNode, seed: UInt64, active: Int) -> Double {
        let fine = Self.fineUnitsPerTick
        let start = parent.open * fine
        let end = parent.close * fine
        path.removeAll(keepingCapacity: true)
        guard parent.high > parent.low else {
            path.append(contentsOf: repeatElement(start, count: active + 1))
            return 0
        }
        let sigma = max(1, Double(parent.high - parent.low) * Double(fine) / Double(active).squareRoot() * 0.6)
        var walk = 0.0
        path.append(0)
        for step in 1...active {
            walk += sigma * StableHash.normal(StableHash.mix(seed, 4, Int64(step)))
            path.append(Int64(walk.rounded()))
        }
        // Tilt the walk so that it ends exactly at the close.
        let drift = Double(path[active]) - Double(end - start)
        for step in 0...active {
            path[step] = start + Int64((Double(path[step]) - drift * Double(step) / Double(active)).rounded())
        }
        path[0] = start
        path[active] = end
        return sigma
    }

    /// Children in fine units: opens and closes from the path, wicks from the hash.
    private mutating func buildRawChildren(_ parent: CandleNode, seed: UInt64, count: Int, sigma: Double) {
        raw.removeAll(keepingCapacity: true)
        var step = 0
        for index in 0..<count {
            let open = path[step]
            if !quiet[index] { step += 1 }
            let close = path[step]
            var node = CandleNode(open: open, high: max(open, close), low: min(open, close), close: close, volume: 0, turnover: 0, quiet: quiet[index])
            if !quiet[index], parent.high > parent.low {
                node.high += 1 + Int64(sigma * 0.45 * StableHash.unit(StableHash.mix(seed, 5, Int64(index))))
                node.low -= 1 + Int64(sigma * 0.45 * StableHash.unit(StableHash.mix(seed, 6, Int64(index))))
            }
            raw.append(node)
        }
    }

    /// Splits the parent's volume (each active child gets at least one step, the rest by
    /// hashed weights favouring wide candles) and turnover (by each child's volume × price).
    private mutating func distributeVolume(
        _ parent: CandleNode, seed: UInt64, active: Int, model: InstrumentModel, children: inout [CandleNode]
    ) {
        let range = Double(max(parent.high - parent.low, 1))
        weights.removeAll(keepingCapacity: true)
        for (index, child) in children.enumerated() {
            weights.append(child.quiet ? 0 : 1 + Int64(StableHash.unit(StableHash.mix(seed, 7, Int64(index))) * 999)
                + Int64(2000 * Double(child.high - child.low) / range))
        }
        Self.apportion(parent.volume - Int64(active), weights: weights) { index, share in
            if !children[index].quiet { children[index].volume = 1 + share }
        }
        weights.removeAll(keepingCapacity: true)
        for child in children {
            weights.append(model.turnover(steps: child.volume, ticks: (child.open + child.high + child.low + child.close) / 4))
        }
        if weights.allSatisfy({ $0 == 0 }) {
            for index in weights.indices { weights[index] = children[index].volume }
        }
        Self.apportion(parent.turnover, weights: weights) { index, share in children[index].turnover = share }
    }

    /// Splits `total` in proportion to `weights`, exactly (the shares sum to `total`).
    static func apportion(_ total: Int64, weights: [Int64], assign: (Int, Int64) -> Void) {
        let sum = weights.reduce(Int128(0)) { $0 + Int128($1) }
        guard sum > 0, total > 0 else {
            for index in weights.indices { assign(index, 0) }
            return
        }
        var cumulative: Int128 = 0
        var previous: Int128 = 0
        for (index, weight) in weights.enumerated() {
            cumulative += Int128(weight)
            let upTo = Int128(total) * cumulative / sum
            assign(index, Int64(upTo - previous))
            previous = upTo
        }
    }
}
