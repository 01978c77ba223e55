import Synchronization

/// The one place every observable thing a ``BybitClient`` does is reported. It keeps the
/// cumulative ``BybitClientStats`` and, when the client was given
/// ``BybitClientMetrics``, records the same events into the Prometheus families declared
/// in ``BybitMetrics``. The request code only ever calls these methods.
///
/// Thread-safe: counters are atomics; the rarely-updated per-reason retry counts sit
/// behind a mutex; metric series are atomic.
final class BybitClientEvents: Sendable {
    private let metrics: BybitClientMetrics?
    private let requests = Atomic<Int>(0)
    private let failedRequests = Atomic<Int>(0)
    private let retries = Atomic<Int>(0)
    private let retriesByReason = Mutex<[RetryReason: Int]>([:])
    private let rateLimitHits = Atomic<Int>(0)
    private let bans = Atomic<Int>(0)
    private let banRejections = Atomic<Int>(0)
    private let candles = Atomic<Int>(0)
    private let pages = Atomic<Int>(0)
    private let rangePages = Atomic<Int>(0)
    private let rangeFetches = Atomic<Int>(0)
    private let limiterWaitNanoseconds = Atomic<Int>(0)
    private let parseNanoseconds = Atomic<Int>(0)
    private let inFlight = Atomic<Int>(0)

    init(metrics: BybitClientMetrics?) {
        self.metrics = metrics
    }

    /// An HTTP attempt finished. `httpStatus`/`retCode` are `nil` when no response or no
    /// envelope arrived; `failure` is `nil` on success.
    func requestFinished(endpoint: BybitEndpoint, category: BybitCategory?, httpStatus: Int?, retCode: Int?,
                         failure: BybitError.Code?, duration: Duration) {
        requests.add(1, ordering: .relaxed)
        if failure != nil { failedRequests.add(1, ordering: .relaxed) }
        guard let metrics else { return }
        metrics.requests.labels(endpoint.label, MetricLabel.category(category), MetricLabel.status(httpStatus), MetricLabel.retCode(retCode)).inc()
        metrics.duration.labels(endpoint.label).observe(duration)
        if let failure { metrics.requestFailures.labels(endpoint.label, failure.description).inc() }
    }

    /// A call failed for good (after any retries) with `code`; cancellations are not counted.
    func callFailed(endpoint: BybitEndpoint, code: BybitError.Code) {
        guard code != .cancelled else { return }
        metrics?.errors.labels(endpoint.label, code.description).inc()
    }

    /// A retry was scheduled after `delay`.
    func retryScheduled(endpoint: BybitEndpoint, reason: RetryReason, delay: Duration) {
        retries.add(1, ordering: .relaxed)
        retriesByReason.withLock { $0[reason, default: 0] += 1 }
        metrics?.retries.labels(endpoint.label, reason.rawValue).inc()
    }

    /// The exchange answered retCode 10006; requests to `host` pause for `pause`.
    func rateLimitHit(endpoint: BybitEndpoint, host: String, pause: Duration) {
        rateLimitHits.add(1, ordering: .relaxed)
        metrics?.rateLimitHits.labels(endpoint.label).inc()
    }

    /// An HTTP 403 banned `host` for `cooldown` from now (`isNew` is false when it
    /// extended a ban).
    func banStarted(host: String, isNew: Bool, cooldown: Duration) {
        if isNew { bans.add(1, ordering: .relaxed) }
        guard let metrics else { return }
        if isNew { metrics.bans.inc() }
        recordBanEnd(after: cooldown, in: metrics)
    }

    /// A call was refused without sending because `host` is banned for `remaining`.
    func banActive(endpoint: BybitEndpoint, host: String, remaining: Duration) {
        banRejections.add(1, ordering: .relaxed)
        guard let metrics else { return }
        metrics.banRejections.labels(endpoint.label).inc()
        recordBanEnd(after: remaining, in: metrics)
    }

    /// Moves the ban-end gauge to `now + remaining` unless it already shows a later end.
    private func recordBanEnd(after remaining: Duration, in metrics: BybitClientMetrics) {
        let end = Double(wallClockMilliseconds()) / 1000 + Double(RetryPolicy.nanoseconds(remaining)) / 1e9
        if end > metrics.banEndTime.value { metrics.banEndTime.set(end.rounded(.up)) }
    }

    /// A request waited `duration` for the budget, a pause or the concurrency limit.
    func limiterWaited(_ duration: Duration) {
        limiterWaitNanoseconds.add(Int(RetryPolicy.nanoseconds(duration)), ordering: .relaxed)
        metrics?.limiterWait.observe(duration)
    }

    /// Requests in flight changed by `delta`.
    func inFlightChanged(by delta: Int) {
        inFlight.add(delta, ordering: .relaxed)
        metrics?.inFlight.inc(by: Double(delta))
    }

    /// A response body of `bytes` bytes was parsed in `duration`.
    func parsed(endpoint: BybitEndpoint, bytes: Int, duration: Duration) {
        parseNanoseconds.add(Int(RetryPolicy.nanoseconds(duration)), ordering: .relaxed)
        metrics?.parseDuration.labels(endpoint.label).observe(duration)
    }

    /// A kline page delivered `count` candle rows.
    func candlesFetched(endpoint: BybitEndpoint, interval: KlineInterval, count: Int) {
        candles.add(count, ordering: .relaxed)
        pages.add(1, ordering: .relaxed)
        metrics?.candles.labels(endpoint.label, interval.rawValue).inc(by: count)
    }

    /// A market endpoint other than klines delivered `count` rows.
    func rowsFetched(endpoint: BybitEndpoint, count: Int) {
        metrics?.marketRows.labels(endpoint.label).inc(by: count)
    }

    /// A range fetch finished after requesting `pages` pages and returning `candles` rows.
    func rangeFetched(interval: KlineInterval, pages: Int, candles: Int, duration: Duration) {
        rangePages.add(pages, ordering: .relaxed)
        rangeFetches.add(1, ordering: .relaxed)
        guard let metrics else { return }
        metrics.rangePages.observe(Double(pages))
        metrics.rangeDuration.observe(duration)
    }

    /// A multi-symbol batch over `symbols` symbols finished, `failures` of them failed.
    func batchFinished(symbols: Int, failures: Int, duration: Duration) {
        guard let metrics else { return }
        metrics.batchDuration.labels(MetricLabel.batchSize(symbols)).observe(duration)
        if symbols > failures { metrics.batchSymbols.labels("ok").inc(by: symbols - failures) }
        if failures > 0 { metrics.batchSymbols.labels("failed").inc(by: failures) }
    }

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
        stats.pages = pages.load(ordering: .relaxed)
        stats.rangePages = rangePages.load(ordering: .relaxed)
        stats.rangeFetches = rangeFetches.load(ordering: .relaxed)
        stats.limiterWait = .nanoseconds(limiterWaitNanoseconds.load(ordering: .relaxed))
        stats.parseTime = .nanoseconds(parseNanoseconds.load(ordering: .relaxed))
        stats.inFlight = inFlight.load(ordering: .relaxed)
        return stats
    }
}
