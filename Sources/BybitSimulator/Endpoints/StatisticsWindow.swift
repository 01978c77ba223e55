/// Which grid rows a time-series endpoint returns: the newest `limit` rows in
/// `[start, end]` below an optional cursor, between the first and the latest row that
/// exist, newest first — the selection rule Bybit applies to klines, funding history, open
/// interest and account ratios.
struct StatisticsWindow {
    /// The row spacing, ms.
    var step: Int64
    /// The earliest row that exists (a multiple of `step`).
    var first: Int64
    /// The latest row that exists (a multiple of `step`).
    var latest: Int64

    /// The grid rows from `start` (rounded up) to `end` (rounded down), below `before`
    /// (exclusive), newest first, at most `limit`; and whether older rows remain in the
    /// window.
    func rows(start: Int64?, end: Int64?, before: Int64?, limit: Int) -> (rows: [Int64], more: Bool) {
        var top = latest
        if let end { top = min(top, floorDivide(end, step) * step) }
        if let before { top = min(top, floorDivide(before - 1, step) * step) }
        var bottom = first
        if let start { bottom = max(bottom, -floorDivide(-start, step) * step) }
        guard top >= bottom, limit > 0 else { return ([], false) }
        let count = min(Int64(limit), (top - bottom) / step + 1)
        let rows = (0..<count).map { top - $0 * step }
        return (rows, rows.last! - step >= bottom)
    }
}

/// The cursor of open interest and account ratio: `lastid%3D<n>%26lasttime%3D<seconds>`
/// (a percent-encoded `lastid=…&lasttime=…`), the shape Bybit sends. The next page holds
/// rows older than `lasttime`.
///
/// Clients may send the token back as received or percent-encode it once more; both are
/// accepted. Anything else is 10001 `Request parameter error`.
struct StatisticsCursor: Sendable, Hashable {
    var lastID: Int64
    var lastTime: Int64

    /// The token for a page whose oldest row is `lastTime` (ms).
    var token: String { "lastid%3D\(lastID)%26lasttime%3D\(floorDivide(lastTime, 1000))" }

    init(lastID: Int64, lastTime: Int64) {
        self.lastID = lastID
        self.lastTime = lastTime
    }

    /// Parses a decoded `cursor` parameter; `nil` when it is not one of ours.
    init?(parameter: String) {
        var text = parameter
        if text.contains("%") { text = QueryParameters.decode(Array(text.utf8)) }
        let fields = QueryParameters(text)
        guard text.hasPrefix("lastid="), let id = fields["lastid"].flatMap({ Int64($0) }), id >= 0,
              let seconds = fields["lasttime"].flatMap({ Int64($0) }), (0...9_999_999_999).contains(seconds) else { return nil }
        lastID = id
        lastTime = seconds * 1000
    }
}
