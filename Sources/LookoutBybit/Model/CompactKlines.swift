/// An ordered run of candles held in 64 bytes each (``CompactKline``), read back as
/// ``Kline`` values: a random-access collection, so it goes wherever `[Kline]` is read.
///
/// Rows whose significands do not fit 64 bits are kept whole beside the compact ones, so
/// any candle can be appended and comes back digit for digit. ``bytesHeld`` is what the
/// rows occupy (64 bytes each, plus the rare whole ones), against 224 for a `[Kline]`.
///
/// Appending is amortized O(1); reading a row rebuilds its `Kline` (a few nanoseconds). A
/// value type: `Sendable`, thread-safe to share, copied on write.
public struct CompactKlines: RandomAccessCollection, Sendable, Hashable {
    private var rows: [CompactKline] = []
    /// Rows that did not fit, by position; their slot in `rows` holds a placeholder.
    private var wide: [Int: Kline] = [:]

    /// An empty collection.
    public init() {}

    /// The candles of `rows`, in order.
    public init(_ rows: some Sequence<Kline>) {
        self.rows.reserveCapacity(rows.underestimatedCount)
        for row in rows { append(row) }
    }

    /// Makes room for `count` rows in all.
    public mutating func reserveCapacity(_ count: Int) {
        rows.reserveCapacity(count)
    }

    /// Adds `kline` at the end.
    public mutating func append(_ kline: Kline) {
        if let compact = CompactKline(kline) {
            rows.append(compact)
        } else {
            wide[rows.count] = kline
            rows.append(Self.placeholder(kline))
        }
    }

    /// The memory the rows occupy, in bytes: 64 per compact row (``CompactKline``'s
    /// stride) and, for each row kept whole, its `Kline` plus a dictionary entry.
    public var bytesHeld: Int {
        rows.count * MemoryLayout<CompactKline>.stride + wide.count * (MemoryLayout<Kline>.stride + 2 * MemoryLayout<Int>.stride)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(position: Int) -> Kline {
        wide.isEmpty ? rows[position].kline : (wide[position] ?? rows[position].kline)
    }

    /// A compact stand-in with the row's start time and closed flag (so ordering and the
    /// open-candle mark read without the side table) and zero values.
    private static func placeholder(_ kline: Kline) -> CompactKline {
        CompactKline(Kline(startTime: kline.startTime, open: .zero, high: .zero, low: .zero, close: .zero, volume: .zero,
                           turnover: .zero, isClosed: kline.isClosed))!
    }
}
