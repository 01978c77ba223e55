import BybitSimulator
import LookoutBybit
import LookoutCache

/// Latency of a cache hit for a 1,000-candle range: the memory backend alone and the
/// whole `CandleCache.candles` call (lookup, decode, assemble).
enum HitLatencyBenchmark {
    /// An upstream that must never be called: every range is already cached.
    struct NoUpstream: CandleUpstream {
        func candles(category: BybitCategory, symbol: String, interval: KlineInterval, from: Int64, to: Int64) async throws(BybitError) -> KlineSeries<Kline> {
            throw BybitError(code: .invalidArgument, message: "the benchmark expected a cache hit")
        }
        func klines(category: BybitCategory, symbol: String, interval: KlineInterval, start: Int64?, end: Int64?, limit: Int?) async throws(BybitError) -> KlinePage<Kline> {
            throw BybitError(code: .invalidArgument, message: "the benchmark expected a cache hit")
        }
    }

    /// A cache holding one 1,000-candle 1m chunk, and the range it covers.
    static func primed(_ backend: any CacheBackend, clock: ManualCacheClock) async throws -> (CandleCache, from: Int64, to: Int64) {
        let simulator = try BybitSimulator()
        let span: Int64 = 1000 * 60_000
        let start = clock.nowMilliseconds() / span * span - 3 * span
        let response = simulator.respond(to: SimulatorRequest(
            path: "/v5/market/kline", query: "category=linear&symbol=BTCUSDT&interval=1&start=\(start)&end=\(start + span - 60_000)&limit=1000"))
        let rows = try KlinePage<Kline>.decode(response.body, interval: .oneMinute).rows
        let cache = CandleCache(backend: backend, clock: clock)
        let key = "\(cache.configuration.keyPrefix):v\(CandleChunkCodec.formatVersion):{linear:BTCUSDT:1}:1000:\(start / span)"
        try await backend.set(key, try CandleChunkCodec.encode(CandleChunk(start: start, interval: .oneMinute, capacity: 1000, rows: rows)), ttl: .seconds(3600))
        return (cache, start, start + span - 60_000)
    }

    static func runMemory(iterations: Int) async throws -> Bool {
        let clock = ManualCacheClock(milliseconds: EncodingBenchmark.january2025)
        let backend = MemoryCacheBackend(clock: clock)
        let (cache, from, to) = try await primed(backend, clock: clock)
        let key = "\(cache.configuration.keyPrefix):v\(CandleChunkCodec.formatVersion):{linear:BTCUSDT:1}:1000:\(from / 60_000_000)"
        let raw = Timing.measure(iterations: iterations * 10) { precondition(backend.read(key) != nil) }
        let hit = try await Timing.measure(iterations: iterations) {
            let series = try await cache.candles(symbol: "BTCUSDT", interval: .oneMinute, from: from, to: to, upstream: NoUpstream())
            precondition(series.rows.count == 1000)
        }
        report("\nmemory hit, 1,000 candles:")
        report(String(format: "  backend read (bytes only)   p50 %.2f µs  p99 %.2f µs", raw.p50, raw.p99))
        report(String(format: "  CandleCache.candles (1,000 rows) p50 %.1f µs  p99 %.1f µs", hit.p50, hit.p99))
        let met = hit.p50 <= 5
        report("target: memory hit <= 5 µs (the whole CandleCache.candles call): \(met ? "ok" : "MISSED")")
        return met
    }
}
