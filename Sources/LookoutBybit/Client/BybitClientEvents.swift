import Lookout
import LookoutRateLimit

/// The one place every observable thing a ``BybitClient`` does is reported: it records
/// each event into the Prometheus families declared in ``BybitMetrics`` (the client's own
/// ``BybitClientMetrics``, or a private registry when none was configured). The cumulative
/// ``BybitClientStats`` are read back from those same series, so there is one set of
/// counters, not two.
///
/// Thread-safe: metric series are atomic.
final class BybitClientEvents: Sendable {
    private let metrics: BybitClientMetrics
    private let pressure: AdaptiveController?

    /// Records into `metrics`, or into a private registry when `nil`; reports upstream
    /// push-back (10006, new bans) to `pressure` when given.
    init(metrics: BybitClientMetrics?, pressure: AdaptiveController? = nil) {
        self.pressure = pressure
        if let metrics {
            self.metrics = metrics
        } else {
            // A fresh registry holds nothing else, so registering cannot conflict.
            do { self.metrics = try BybitClientMetrics(registry: Registry()) } catch { preconditionFailure("a fresh registry refused the Bybit metrics: \(error)") }
        }
    }

    /// An HTTP attempt finished. `httpStatus`/`retCode` are `nil` when no response or no
    /// envelope arrived; `failure` is `nil` on success.
    func requestFinished(endpoint: BybitEndpoint, category: BybitCategory?, httpStatus: Int?, retCode: Int?,
                         failure: BybitError.Code?, duration: Duration) {
        metrics.requests.labels(endpoint.label, MetricLabel.category(category), MetricLabel.status(httpStatus), MetricLabel.retCode(retCode)).inc()
        metrics.duration.labels(endpoint.label).observe(duration)
        if let failure { metrics.requestFailures.labels(endpoint.label, failure.description).inc() }
    }

    /// A call failed for good (after any retries) with `code`; cancellations are not counted.
    func callFailed(endpoint: BybitEndpoint, code: BybitError.Code) {
        guard code != .cancelled else { return }
        metrics.errors.labels(endpoint.label, code.description).inc()
    }

    /// A retry was scheduled after `delay`.
    func retryScheduled(endpoint: BybitEndpoint, reason: RetryReason, delay: Duration) {
        metrics.retries.labels(endpoint.label, reason.rawValue).inc()
    }

    /// The exchange answered retCode 10006; requests to `host` pause for `pause`.
    func rateLimitHit(endpoint: BybitEndpoint, host: String, pause: Duration) {
        metrics.rateLimitHits.labels(endpoint.label).inc()
        _ = pressure?.reportPressure(.upstreamRateLimited)
    }

    /// The adaptive budget now allows `effective` requests per window of `ceiling`.
    func budgetChanged(effective: Int, ceiling: Int, decreased: Bool) {
        metrics.budget.effectiveLimit.set(Double(effective))
        metrics.budget.ceiling.set(Double(ceiling))
        if decreased { metrics.budget.decreases.inc() }
    }

    /// An HTTP 403 banned `host` for `cooldown` from now (`isNew` is false when it
    /// extended a ban).
    func banStarted(host: String, isNew: Bool, cooldown: Duration) {
        if isNew {
            metrics.bans.inc()
            _ = pressure?.reportPressure(.upstreamBanned)
        }
        recordBanEnd(after: cooldown)
    }

    /// A call was refused without sending because `host` is banned for `remaining`.
    func banActive(endpoint: BybitEndpoint, host: String, remaining: Duration) {
        metrics.banRejections.labels(endpoint.label).inc()
        recordBanEnd(after: remaining)
    }

    /// Moves the ban-end gauge to `now + remaining` unless it already shows a later end.
    private func recordBanEnd(after remaining: Duration) {
        let end = Double(wallClockMilliseconds()) / 1000 + Double(RetryPolicy.nanoseconds(remaining)) / 1e9
        if end > metrics.banEndTime.value { metrics.banEndTime.set(end.rounded(.up)) }
    }

    /// A request waited `duration` for the budget, a pause or the concurrency limit.
    func limiterWaited(_ duration: Duration) {
        metrics.limiterWait.observe(duration)
    }

    /// Requests in flight changed by `delta`.
    func inFlightChanged(by delta: Int) {
        metrics.inFlight.inc(by: Double(delta))
    }

    /// A response body of `bytes` bytes was parsed in `duration`.
    func parsed(endpoint: BybitEndpoint, bytes: Int, duration: Duration) {
        metrics.parseDuration.labels(endpoint.label).observe(duration)
    }

    /// A kline page delivered `count` candle rows.
    func candlesFetched(endpoint: BybitEndpoint, interval: KlineInterval, count: Int) {
        metrics.candles.labels(endpoint.label, interval.rawValue).inc(by: count)
    }

    /// A market endpoint other than klines delivered `count` rows.
    func rowsFetched(endpoint: BybitEndpoint, count: Int) {
        metrics.marketRows.labels(endpoint.label).inc(by: count)
    }

    /// A range fetch finished after requesting `pages` pages and returning `candles` rows.
    func rangeFetched(interval: KlineInterval, pages: Int, candles: Int, duration: Duration) {
        metrics.rangePages.observe(Double(pages))
        metrics.rangeDuration.observe(duration)
    }

    /// A multi-symbol batch over `symbols` symbols finished, `failures` of them failed.
    func batchFinished(symbols: Int, failures: Int, duration: Duration) {
        metrics.batchDuration.labels(MetricLabel.batchSize(symbols)).observe(duration)
        if symbols > failures { metrics.batchSymbols.labels("ok").inc(by: symbols - failures) }
        if failures > 0 { metrics.batchSymbols.labels("failed").inc(by: failures) }
    }

    /// The counters so far, read from the metric series.
    func snapshot() -> BybitClientStats {
        func total(_ family: CounterFamily, where include: (Labels) -> Bool = { _ in true }) -> Int {
            Int(family.series.reduce(0.0) { include($1.labels) ? $0 + $1.value : $0 })
        }
        var stats = BybitClientStats()
        stats.requests = total(metrics.requests)
        stats.failedRequests = total(metrics.requestFailures)
        stats.retries = total(metrics.retries)
        for series in metrics.retries.series {
            guard let label = series.labels["reason"], let reason = RetryReason(rawValue: label), series.value > 0 else { continue }
            stats.retriesByReason[reason, default: 0] += Int(series.value)
        }
        stats.rateLimitHits = total(metrics.rateLimitHits)
        stats.bans = Int(metrics.bans.value)
        stats.banRejections = total(metrics.banRejections)
        stats.candles = total(metrics.candles)
        stats.pages = total(metrics.requests) { labels in
            labels["ret_code"] == "0" && BybitEndpoint.klineLabels.contains(labels["endpoint"] ?? "")
        }
        stats.rangePages = Int(metrics.rangePages.sum)
        stats.rangeFetches = Int(metrics.rangePages.count)
        stats.limiterWait = .nanoseconds(Int64((metrics.limiterWait.sum * 1e9).rounded()))
        stats.parseTime = .nanoseconds(Int64((metrics.parseDuration.series.reduce(0.0) { $0 + $1.sum } * 1e9).rounded()))
        stats.inFlight = Int(metrics.inFlight.value)
        return stats
    }
}

extension BybitEndpoint {
    /// The `endpoint` labels of the kline endpoints, whose successful answers are pages.
    static let klineLabels: Set<String> = [kline.label, markPriceKline.label, indexPriceKline.label, premiumIndexPriceKline.label]
}
