/// Joins the pages of a range fetch into one ascending series.
enum CandleMerger {
    /// Keeps rows with start times in `from...to`, sorts them ascending and keeps one row
    /// per start time: the one from the page answered last (the freshest view of a candle
    /// that was still open). Each page's rows already carry that page's open/closed mark.
    /// Pages may be held in any collection of rows (``CompactKlines`` while a range of
    /// trade candles is being fetched).
    static func merge<Row: KlineRow, Rows: Collection<Row>>(_ pages: [(rows: Rows, serverTime: Int64)], from: Int64, to: Int64) -> [Row] {
        var merged: [Row] = []
        merged.reserveCapacity(pages.reduce(0) { $0 + $1.rows.count })
        var ascending = true
        var lastStart = Int64.min
        for page in pages {
            for row in page.rows where row.startTime >= from && row.startTime <= to {
                if row.startTime <= lastStart { ascending = false }
                lastStart = max(lastStart, row.startTime)
                merged.append(row)
            }
        }
        if ascending { return merged }
        // Rare path (overlapping week/month windows): order by start, then freshness.
        var tagged: [(row: Row, serverTime: Int64, order: Int)] = []
        tagged.reserveCapacity(merged.count)
        var order = 0
        for page in pages {
            for row in page.rows where row.startTime >= from && row.startTime <= to {
                tagged.append((row, page.serverTime, order))
                order += 1
            }
        }
        tagged.sort { ($0.row.startTime, $0.serverTime, $0.order) < ($1.row.startTime, $1.serverTime, $1.order) }
        var unique: [Row] = []
        unique.reserveCapacity(tagged.count)
        for entry in tagged {
            if let last = unique.last, last.startTime == entry.row.startTime {
                unique[unique.count - 1] = entry.row
            } else {
                unique.append(entry.row)
            }
        }
        return unique
    }
}
