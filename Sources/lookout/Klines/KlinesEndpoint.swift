import Glibc
import LookoutBybit
import LookoutCache
import LookoutHTTP
import Synchronization

/// The klines API's handlers: a request's parameters are checked (``KlinesQuery``), then
/// its candles come from the ``CandleCache`` when one is attached, else straight from the
/// ``BybitClient``; upstream failures become problems (``KlinesUpstreamFailure``).
///
/// The cache is attached after start-up (``use(_:)``) because `lookout serve` creates it
/// once the service's registry exists. Thread-safe: the client and cache are `Sendable`
/// and the cache reference sits behind a `Mutex`.
final class KlinesEndpoint: Sendable {
    let client: BybitClient
    private let cache = Mutex<CandleCache?>(nil)
    /// Bodies of cache-hit answers, reused while their candles are unchanged.
    private let rendered = KlinesResponseCache()
    /// How many symbols of one batch are fetched at once.
    let batchConcurrency: Int

    init(client: BybitClient, batchConcurrency: Int = 8) {
        self.client = client
        self.batchConcurrency = batchConcurrency
    }

    /// Serves candles through `cache` from now on.
    func use(_ cache: CandleCache) {
        self.cache.withLock { $0 = cache }
    }

    /// `GET /api/v1/klines`: answered on the event loop when the candles are all in the
    /// memory cache (``cachedResult(_:_:)``), else in a task.
    func single(_ request: HTTPRequest) -> HTTPResult {
        let query: KlinesQuery
        do {
            query = try KlinesQuery(request.query, batch: false, now: Self.now())
        } catch {
            return .response(error.response)
        }
        if let result = cachedResult(query.symbols[0], query) {
            let key = KlinesResponseCache.Key(symbol: result.symbol, category: query.category, interval: query.interval,
                                              selection: query.selection, excludeOpen: query.excludeOpen)
            return .response(.json(encoded: rendered.body(key, for: result)))
        }
        return .deferred {
            do throws(KlinesUpstreamFailure) {
                return try await self.candles(query.symbols[0], query).response
            } catch {
                return error.response
            }
        }
    }

    /// One symbol's candles for `query` when every one is in the in-process cache right
    /// now, read without suspending; the same answer ``candles(_:_:)`` gives for that cache
    /// state (all from the cache, no upstream request), else `nil`.
    func cachedResult(_ symbol: String, _ query: KlinesQuery) -> KlinesResult? {
        guard let cache = self.cache.withLock({ $0 }) else { return nil }
        var rows: [Kline]
        switch query.selection {
        case .latest(let limit):
            guard let page = cache.cachedLatest(category: query.category, symbol: symbol, interval: query.interval, limit: limit) else { return nil }
            rows = page.rows
        case .range(let from, let to, let limit):
            guard let series = cache.cachedCandles(category: query.category, symbol: symbol, interval: query.interval, from: from, to: to)
            else { return nil }
            rows = series.rows
            if rows.count > limit { rows = Array(rows.prefix(limit)) }
        }
        if query.excludeOpen { rows.removeAll { !$0.isClosed } }
        return KlinesResult(symbol: symbol, category: query.category, interval: query.interval, candles: rows,
                            fromCache: rows.count, fromUpstream: 0, upstreamRequests: 0)
    }

    /// `GET /api/v1/klines/batch`: every symbol fetched in parallel (at most
    /// ``batchConcurrency`` at once); per-symbol failures are listed, the status is `200`.
    func batch(_ request: HTTPRequest) async -> HTTPResponse {
        let query: KlinesQuery
        do {
            query = try KlinesQuery(request.query, batch: true, now: Self.now())
        } catch {
            return error.response
        }
        let started = ContinuousClock.now
        var outcomes = [Result<KlinesResult, KlinesUpstreamFailure>?](repeating: nil, count: query.symbols.count)
        await withTaskGroup(of: (Int, Result<KlinesResult, KlinesUpstreamFailure>).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask {
                    do throws(KlinesUpstreamFailure) {
                        return (index, .success(try await self.candles(query.symbols[index], query)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            while next < query.symbols.count, next < batchConcurrency { launch() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < query.symbols.count { launch() }
            }
        }
        let pairs = zip(query.symbols, outcomes).map { (symbol: $0, outcome: $1!) }
        let failures = pairs.count { if case .failure = $0.outcome { true } else { false } }
        client.recordBatch(symbols: pairs.count, failures: failures, duration: started.duration(to: .now))
        return KlinesBatchResult(category: query.category, interval: query.interval, outcomes: pairs).response
    }

    /// One symbol's candles for `query`.
    func candles(_ symbol: String, _ query: KlinesQuery) async throws(KlinesUpstreamFailure) -> KlinesResult {
        let upstream = RecordingUpstream(client: client)
        let cache = self.cache.withLock { $0 }
        var rows: [Kline]
        do throws(BybitError) {
            switch query.selection {
            case .latest(let limit):
                if let cache {
                    rows = try await cache.latest(category: query.category, symbol: symbol, interval: query.interval, limit: limit, upstream: upstream).rows
                } else {
                    rows = try await upstream.klines(category: query.category, symbol: symbol, interval: query.interval, start: nil, end: nil, limit: limit).rows
                }
            case .range(let from, let to, let limit):
                if let cache {
                    rows = try await cache.candles(category: query.category, symbol: symbol, interval: query.interval, from: from, to: to, upstream: upstream).rows
                } else {
                    rows = try await upstream.candles(category: query.category, symbol: symbol, interval: query.interval, from: from, to: to).rows
                }
                if rows.count > limit { rows = Array(rows.prefix(limit)) }
            }
        } catch where error.code == .noData {
            rows = []
        } catch {
            let ban = client.configuration.upstream.banRemaining(host: client.configuration.baseURL.host)
            throw KlinesUpstreamFailure(error, banRemaining: ban, rateLimitPause: client.configuration.retry.rateLimitDelay)
        }
        if query.excludeOpen { rows.removeAll { !$0.isClosed } }
        let fromUpstream = upstream.countFetched(in: rows)
        return KlinesResult(symbol: symbol, category: query.category, interval: query.interval, candles: rows,
                            fromCache: rows.count - fromUpstream, fromUpstream: fromUpstream, upstreamRequests: upstream.requests)
    }

    /// Wall time in milliseconds since the epoch.
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
