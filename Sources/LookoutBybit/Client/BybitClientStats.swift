import LookoutRateLimit

/// Cumulative counters of one ``BybitClient`` since it was created, for summaries such as
/// a CLI's final line. Read them with ``BybitClient/stats``.
public struct BybitClientStats: Sendable, Hashable, CustomStringConvertible {
    /// HTTP requests sent (every attempt counts).
    public var requests: Int = 0
    /// Attempts that did not end in a successful envelope (transport failures, error
    /// statuses, non-zero retCodes, malformed bodies).
    public var failedRequests: Int = 0
    /// Retries scheduled, all reasons.
    public var retries: Int = 0
    /// Retries by reason.
    public var retriesByReason: [RetryReason: Int] = [:]
    /// Answers with retCode 10006 (too many visits).
    public var rateLimitHits: Int = 0
    /// IP bans started by an HTTP 403.
    public var bans: Int = 0
    /// Calls refused without sending because the host was banned.
    public var banRejections: Int = 0
    /// Candle rows received from the exchange.
    public var candles: Int = 0
    /// Kline pages (successful kline responses) received, single pages and range pages alike.
    public var pages: Int = 0
    /// Pages requested by range fetches.
    public var rangePages: Int = 0
    /// Range fetches completed.
    public var rangeFetches: Int = 0
    /// Total time requests waited for the upstream budget, bans or pauses.
    public var limiterWait: Duration = .zero
    /// Total time spent parsing response bodies.
    public var parseTime: Duration = .zero
    /// Requests in flight right now.
    public var inFlight: Int = 0

    /// Creates empty stats.
    public init() {}

    /// One line, for example
    /// `requests 12 (1 failed), retries 1 (rateLimited 1), rate-limit hits 1, bans 0, candles 12000, limiter wait 0.250 s`.
    public var description: String {
        let reasons = retriesByReason.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key) \($0.value)" }
        let retryDetail = reasons.isEmpty ? "" : " (" + reasons.joined(separator: ", ") + ")"
        return "requests \(requests) (\(failedRequests) failed), retries \(retries)\(retryDetail), rate-limit hits \(rateLimitHits), "
            + "bans \(bans), candles \(candles), range pages \(rangePages), limiter wait \(Self.seconds(limiterWait)) s, "
            + "parse \(Self.seconds(parseTime)) s"
    }

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = RetryPolicy.nanoseconds(duration) / 1_000_000
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
