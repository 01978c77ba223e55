import LookoutBybit
import LookoutCache
import Synchronization

/// The Bybit client as one klines request's upstream: it forwards every call and
/// remembers which candles came back, so the response can say how many of its candles
/// this request fetched from Bybit and how many the cache held.
///
/// One per request; thread-safe (the cache may fetch several chunks at once).
final class RecordingUpstream: CandleUpstream {
    let client: BybitClient
    private let fetched = Mutex<[ClosedRange<Int64>]>([])
    private let requestCount = Atomic<Int>(0)

    init(client: BybitClient) {
        self.client = client
    }

    /// Upstream requests made through this upstream.
    var requests: Int { requestCount.load(ordering: .relaxed) }

    func candles(category: BybitCategory, symbol: String, interval: KlineInterval, from: Int64, to: Int64) async throws(BybitError) -> KlineSeries<Kline> {
        let series = try await client.candles(category: category, symbol: symbol, interval: interval, from: from, to: to)
        record(series.rows, requests: series.pages)
        return series
    }

    func klines(category: BybitCategory, symbol: String, interval: KlineInterval, start: Int64?, end: Int64?, limit: Int?) async throws(BybitError) -> KlinePage<Kline> {
        let page = try await client.klines(category: category, symbol: symbol, interval: interval, start: start, end: end, limit: limit)
        record(page.rows, requests: 1)
        return page
    }

    /// How many of `rows` start at a time this upstream fetched.
    func countFetched(in rows: some Collection<Kline>) -> Int {
        let ranges = fetched.withLock { $0 }
        guard !ranges.isEmpty else { return 0 }
        return rows.count { row in ranges.contains { $0.contains(row.startTime) } }
    }

    private func record(_ rows: [Kline], requests: Int) {
        requestCount.add(requests, ordering: .relaxed)
        guard let first = rows.first?.startTime, let last = rows.last?.startTime else { return }
        fetched.withLock { $0.append(min(first, last)...max(first, last)) }
    }
}
