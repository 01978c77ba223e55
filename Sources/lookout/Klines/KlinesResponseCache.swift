import LookoutBybit
import Synchronization

/// Rendered bodies of the klines API's cache-hit answers, reused while the candles they
/// were rendered from are unchanged: a hit compares candles (cheap, and free when the rows
/// share the cached chunk's storage) instead of writing 200 candles of JSON again.
///
/// A body is a function of the query and its candles only (a cache-hit answer's `source`
/// is all-cache), so candles that render the same give the same bytes. "The same" is
/// exact text, not numeric equality: `1.0` and `1.00` are equal decimals but different
/// answers. Bounded by ``maxBytes`` of bodies;
/// when full, entries are dropped to make room (the next request renders again).
/// Thread-safe: one `Mutex`, held for dictionary operations only (rendering and the
/// comparison happen outside it).
final class KlinesResponseCache: Sendable {
    /// What a body answers: one symbol's query.
    struct Key: Hashable, Sendable {
        var symbol: String
        var category: BybitCategory
        var interval: KlineInterval
        var selection: KlinesQuery.Selection
        var excludeOpen: Bool
    }

    private struct Entry: Sendable {
        let candles: [Kline]
        let body: [UInt8]
    }

    /// The most body bytes kept.
    let maxBytes: Int
    private let state = Mutex<(entries: [Key: Entry], bytes: Int)>(([:], 0))

    init(maxBytes: Int = 8 << 20) {
        self.maxBytes = maxBytes
    }

    /// The body for `result` under `key`: the stored one when it was rendered from the same
    /// candles, else `result` rendered now (and stored).
    func body(_ key: Key, for result: KlinesResult) -> [UInt8] {
        if let entry = state.withLock({ $0.entries[key] }), Self.renderSame(entry.candles, result.candles) {
            return entry.body
        }
        let body = result.encodedBody
        guard body.capacity <= maxBytes else { return body }
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.body.capacity }
            while state.bytes + body.capacity > maxBytes, let victim = state.entries.first {
                state.entries.removeValue(forKey: victim.key)
                state.bytes -= victim.value.body.capacity
            }
            state.entries[key] = Entry(candles: result.candles, body: body)
            state.bytes += body.capacity
        }
        return body
    }

    /// Whether `a` and `b` render to the same JSON: the same start times, open flags and
    /// decimals digit for digit (significand and scale), in the same order.
    static func renderSame(_ a: [Kline], _ b: [Kline]) -> Bool {
        guard a.count == b.count else { return false }
        let shared = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        if shared { return true }
        func same(_ x: ExactDecimal, _ y: ExactDecimal) -> Bool { x.significand == y.significand && x.scale == y.scale }
        for (x, y) in zip(a, b) {
            guard x.startTime == y.startTime, x.isClosed == y.isClosed, same(x.open, y.open), same(x.high, y.high),
                  same(x.low, y.low), same(x.close, y.close), same(x.volume, y.volume), same(x.turnover, y.turnover)
            else { return false }
        }
        return true
    }
}
