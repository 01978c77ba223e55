/// One response of a kline endpoint: up to 1,000 rows, **ascending** by start time.
///
/// Bybit sends rows newest first; the client reverses them, removes duplicate start times
/// and marks the open candle from the response's server ``serverTime``.
public struct KlinePage<Row: KlineRow>: Sendable, Hashable {
    /// The symbol, as the response named it.
    public var symbol: String
    /// The category, as the response named it.
    public var category: BybitCategory
    /// The candle length requested.
    public var interval: KlineInterval
    /// The exchange's clock when it answered (top-level `time`), ms since the epoch.
    public var serverTime: Int64
    /// The candles, oldest first.
    public var rows: [Row]

    /// Creates a page.
    public init(symbol: String, category: BybitCategory, interval: KlineInterval, serverTime: Int64, rows: [Row]) {
        self.symbol = symbol
        self.category = category
        self.interval = interval
        self.serverTime = serverTime
        self.rows = rows
    }

    /// The rows whose candle had closed when the exchange answered.
    public var closedRows: ArraySlice<Row> {
        rows[..<(rows.lastIndex(where: \.isClosed).map { $0 + 1 } ?? 0)]
    }
}

/// Candles over any time range, assembled from as many pages as it took: ascending,
/// unique by start time, limited to start times in ``from``...``to``.
public struct KlineSeries<Row: KlineRow>: Sendable, Hashable {
    /// The symbol.
    public var symbol: String
    /// The category.
    public var category: BybitCategory
    /// The candle length.
    public var interval: KlineInterval
    /// First start time asked for (ms since the epoch, inclusive).
    public var from: Int64
    /// Last start time asked for (ms since the epoch, inclusive).
    public var to: Int64
    /// The candles, oldest first. Missing start times mean the exchange sent none there.
    public var rows: [Row]
    /// How many requests (pages) it took.
    public var pages: Int

    /// Creates a series.
    public init(symbol: String, category: BybitCategory, interval: KlineInterval, from: Int64, to: Int64, rows: [Row], pages: Int) {
        self.symbol = symbol
        self.category = category
        self.interval = interval
        self.from = from
        self.to = to
        self.rows = rows
        self.pages = pages
    }

    /// The rows whose candle had closed when the exchange answered.
    public var closedRows: ArraySlice<Row> {
        rows[..<(rows.lastIndex(where: \.isClosed).map { $0 + 1 } ?? 0)]
    }
}

extension Array where Element: KlineRow {
    /// Sorts ascending if needed, drops repeated start times (keeping the later element),
    /// and marks rows whose candle ends after `serverTime` as open.
    mutating func normalizeCandles(interval: KlineInterval, serverTime: Int64) {
        var ascending = true
        for index in indices.dropFirst() where self[index - 1].startTime >= self[index].startTime {
            ascending = false
            break
        }
        if !ascending {
            // Stable sort keeps arrival order among equal start times; keep the last of each.
            let sorted = enumerated().sorted { ($0.element.startTime, $0.offset) < ($1.element.startTime, $1.offset) }
            var unique: [Element] = []
            unique.reserveCapacity(sorted.count)
            for (_, row) in sorted {
                if let last = unique.last, last.startTime == row.startTime { unique[unique.count - 1] = row } else { unique.append(row) }
            }
            self = unique
        }
        // Candle ends increase with start times, so once one is closed all earlier ones are.
        var index = endIndex - 1
        while index >= startIndex {
            let closed = interval.end(ofCandleStartingAt: self[index].startTime) <= serverTime
            self[index].isClosed = closed
            if closed { break }
            index -= 1
        }
        for earlier in startIndex..<Swift.max(startIndex, index) where !self[earlier].isClosed {
            self[earlier].isClosed = true
        }
    }
}
