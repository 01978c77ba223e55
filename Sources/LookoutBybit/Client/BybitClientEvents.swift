import Synchronization

/// The one place every observable thing a ``BybitClient`` does is reported. Today it keeps
/// the cumulative ``BybitClientStats``; metrics (counters, histograms, gauges) attach here
/// without touching the request code.
///
/// Thread-safe: counters are atomics; the rarely-updated per-reason retry counts sit
/// behind a mutex.
final class BybitClientEvents: Sendable {
    private let requests = Atomic<Int>(0)
    private let failedRequests = Atomic<Int>(0)
    private let retries = Atomic<Int>(0)
    private let retriesByReason = Mutex<[RetryReason: Int]>([:])
    private let rateLimitHits = Atomic<Int>(0)
    private let bans = Atomic<Int>(0)
    private let banRejections = Atomic<Int>(0)
    private let candles = Atomic<Int>(0)
    private let rangePages = Atomic<Int>(0)
    private let rangeFetches = Atomic<Int>(0)
    private let limiterWaitNanoseconds = Atomic<Int>(0)
    private let parseNanoseconds = Atomic<Int>(0)
    private let inFlight = Atomic<Int>(0)

    /// An HTTP attempt finished. `httpStatus`/`retCode` are `nil` when no response or no
    /// envelope arrived; `failure` is `nil` on success.
    func requestFinished(endpoint: BybitEndpoint, category: BybitCategory?, httpStatus: Int?, retCode: Int?,
                         failure: BybitError.Code?, duration: Duration) {
        requests.add(1, ordering: .relaxed)
        if failure != nil { failedRequests.add(1, ordering: .relaxed) }
    }

    /// A retry was scheduled after `delay`.
    func retryScheduled(endpoint: BybitEndpoint, reason: RetryReason, delay: Duration) {
        retries.add(1, ordering: .relaxed)
        retriesByReason.withLock { $0[reason, default: 0] += 1 }
    }

    /// The exchange answered retCode 10006; requests to `host` pause for `pause`.
    func rateLimitHit(host: String, pause: Duration) {
        rateLimitHits.add(1, ordering: .relaxed)
    }

    /// An HTTP 403 started an IP ban of `host` (`isNew` is false when it extended one).
    func banStarted(host: String, isNew: Bool) {
        if isNew { bans.add(1, ordering: .relaxed) }
    }

    /// A call was refused without sending because `host` is banned for `remaining`.
    func banActive(host: String, remaining: Duration) {
        banRejections.add(1, ordering: .relaxed)
    }

    /// A request waited `duration` for the budget, a pause or the concurrency limit.
    func limiterWaited(_ duration: Duration) {
        limiterWaitNanoseconds.add(Int(RetryPolicy.nanoseconds(duration)), ordering: .relaxed)
    }

    /// Requests in flight changed by `delta`.
    func inFlightChanged(by delta: Int) {
        inFlight.add(delta, ordering: .relaxed)
    }

    /// A response body of `bytes` bytes was parsed in `duration`.
    func parsed(endpoint: BybitEndpoint, bytes: Int, duration: Duration) {
        parseNanoseconds.add(Int(RetryPolicy.nanoseconds(duration)), ordering: .relaxed)
    }

    /// A kline page delivered `count` candle rows.
    func candlesFetched(endpoint: BybitEndpoint, interval: KlineInterval, count: Int) {
        candles.add(count, ordering: .relaxed)
    }

    /// A range fetch finished after requesting `pages` pages and returning `candles` rows.
    func rangeFetched(interval: KlineInterval, pages: Int, candles: Int, duration: Duration) {
        rangePages.add(pages, ordering: .relaxed)
        rangeFetches.add(1, ordering: .relaxed)
    }

    /// A multi-symbol batch over `symbols` symbols finished, `failures` of them failed.
    func batchFinished(symbols: Int, failures: Int, duration: Duration) {}

    /// The counters so far.
    func snapshot() -> BybitClientStats {
        var stats = BybitClientStats()
        stats.requests = requests.load(ordering: .relaxed)
        stats.failedRequests = failedRequests.load(ordering: .relaxed)
        stats.retries = retries.load(ordering: .relaxed)
        stats.retriesByReason = retriesByReason.withLock { $0 }
        stats.rateLimitHits = rateLimitHits.load(ordering: .relaxed)
        stats.bans = bans.load(ordering: .relaxed)
        stats.banRejections = banRejections.load(ordering: .relaxed)
        stats.candles = candles.load(ordering: .relaxed)
        stats.rangePages = rangePages.load(ordering: .relaxed)
        stats.rangeFetches = rangeFetches.load(ordering: .relaxed)
        stats.limiterWait = .nanoseconds(limiterWaitNanoseconds.load(ordering: .relaxed))
        stats.parseTime = .nanoseconds(parseNanoseconds.load(ordering: .relaxed))
        stats.inFlight = inFlight.load(ordering: .relaxed)
        return stats
    }
}
