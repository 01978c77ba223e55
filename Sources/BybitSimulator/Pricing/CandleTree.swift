/// Answers "what is the candle of series `kind` over [from, to)?" for one instrument.
///
/// The tree has four levels — day, hour, minute, second — built top-down by
/// ``NodeSplitter``. A candle is the aggregate of the maximal tree nodes covering its
/// range (like a segment-tree query), so a 1-minute candle touches one minute node, a
/// weekly candle seven day nodes, and the open candle of any interval the finished nodes
/// plus the seconds up to now. The most recent split of each level is cached, so walking
/// consecutive candles costs about one split per 60 candles.
///
/// A tree is a cheap value created per request; it is not shared between threads.
struct CandleTree {
    private struct LevelCache {
        var index: Int64 = .min
        var children: [CandleNode] = []
    }

    private static let lengths: [Int64] = [86_400_000, 3_600_000, 60_000, 1_000]
    private static let fanout: [Int] = [24, 60, 60]
    private static let leafLevel = 3

    let model: InstrumentModel
    let kind: PriceKind
    private let seed: UInt64
    private var splitter = NodeSplitter()
    private var caches = [LevelCache](repeating: LevelCache(), count: 3)
    private var cachedDay: (index: Int64, node: CandleNode)?

    init(model: InstrumentModel, kind: PriceKind) {
        self.model = model
        self.kind = kind
        seed = model.nodeSeed ^ (kind.splitSeedKind.rawValue &* 0x9e37_79b9_7f4a_7c15)
    }

    /// The candle starting at `start` made of the leaves in [from, to) (whole seconds),
    /// or `nil` if the range is empty.
    mutating func candle(start: Int64, from: Int64, to: Int64) -> KlineCandle? {
        guard from < to else { return nil }
        var candle: KlineCandle?
        var day = floorDivide(from, Self.lengths[0])
        while day * Self.lengths[0] < to {
            collect(level: 0, index: day, node: dayNode(day), from: from, to: to, start: start, into: &candle)
            day += 1
        }
        return candle
    }

    private mutating func dayNode(_ day: Int64) -> CandleNode {
        if let cachedDay, cachedDay.index == day { return cachedDay.node }
        let node = model.dayNode(day: day, kind: kind)
        cachedDay = (day, node)
        return node
    }

    private mutating func collect(
        level: Int, index: Int64, node: CandleNode, from: Int64, to: Int64, start: Int64, into candle: inout KlineCandle?
    ) {
        let length = Self.lengths[level]
        let nodeStart = index * length
        let nodeEnd = nodeStart + length
        guard nodeEnd > from, nodeStart < to else { return }
        if level == Self.leafLevel || (from <= nodeStart && nodeEnd <= to) {
            if candle == nil { candle = KlineCandle(start: start, first: node) } else { candle!.append(node) }
            return
        }
        let children = self.children(level: level, index: index, node: node)
        let childLength = Self.lengths[level + 1]
        let first = max(0, Int((from - nodeStart) / childLength))
        let last = min(children.count - 1, Int((to - 1 - nodeStart) / childLength))
        guard first <= last else { return }
        for child in first...last {
            collect(level: level + 1, index: index * Int64(children.count) + Int64(child), node: children[child],
                    from: from, to: to, start: start, into: &candle)
        }
    }

    private mutating func children(level: Int, index: Int64, node: CandleNode) -> [CandleNode] {
        if caches[level].index != index {
            let quietRate = model.instrument.quietRate
            splitter.split(
                node, seed: StableHash.mix(seed, UInt64(level + 1), index), count: Self.fanout[level],
                quietRate: level == 0 ? quietRate * quietRate : quietRate,
                model: model, kind: kind, into: &caches[level].children)
            caches[level].index = index
        }
        return caches[level].children
    }
}
