import LookoutCatalog

extension BybitMetrics {
    /// The error codes that say something about the exchange or the path to it. A
    /// `badRequest` (retCode 10001: an unknown symbol, a bad parameter) is the caller's
    /// mistake and a `cancelled` call is the caller's choice; neither counts against Bybit.
    static let upstreamFailures = requestFailures.matching("code", .notRegex("badRequest|cancelled"))

    /// Failed attempts over all attempts, per job.
    public static let upstreamErrorRatio = RatioDeclaration(
        "bybit_upstream_errors", help: "Share of requests to Bybit that failed for a reason other than a bad parameter or cancellation.",
        numerator: upstreamFailures, denominator: requests,
        chart: .stat(row: "Errors", title: "Upstream error ratio", thresholds: .above(warning: 0.05, critical: 0.25)))

    /// retCode 10006 answers over all attempts, per job.
    public static let rateLimitedRatio = RatioDeclaration(
        "bybit_rate_limited", help: "Share of requests to Bybit answered with retCode 10006 (too many visits).",
        numerator: rateLimitHits, denominator: requests,
        chart: .stat(row: "Rate limiting", title: "Rate-limited ratio", thresholds: .above(warning: 0.01, critical: 0.1)))

    /// 99% of requests to Bybit complete within one second, over 28 days.
    public static let latency = ServiceLevelObjective.latency(
        "bybit_latency", description: "Bybit requests answered within 1 s", objective: 0.99, histogram: duration, threshold: 1)

    /// Too many requests to Bybit fail.
    public static let upstreamErrorsHigh = AlertDeclaration(
        "BybitUpstreamErrorsHigh",
        summary: "Requests from {{ $labels.job }} to Bybit are failing",
        description: "More than 5% (warning) or 25% (critical) of {{ $labels.job }}'s requests to Bybit failed over 5 minutes (server errors, timeouts, broken connections, malformed bodies, rate limits or bans; bad parameters are not counted).",
        conditions: [
            .warning("\(upstreamErrorRatio.recorded) > 0.05", for: .minutes(10)),
            .critical("\(upstreamErrorRatio.recorded) > 0.25", for: .minutes(5)),
        ],
        tests: [
            .silent("1% of requests fail", at: .minutes(20), given: [
                requests.series("0+100x30"), upstreamFailure("serverBusy", "0+1x30"),
            ]),
            .silent("unknown symbols are the caller's mistake", at: .minutes(20), given: [
                requests.series("0+100x30"), upstreamFailure("badRequest", "0+50x30"),
            ]),
            .fires(.warning, when: "10% of requests fail for 10 minutes", at: .minutes(20), labels: ["job": "app"], given: [
                requests.series("0+100x30"), upstreamFailure("timeout", "0+10x30"),
            ]),
            .fires(.warning, .critical, when: "half of the requests fail", at: .minutes(20), labels: ["job": "app"], given: [
                requests.series("0+100x30"), upstreamFailure("transport", "0+50x30"),
            ]),
        ],
        response: "Look at the Errors row of the Bybit dashboard: `serverBusy`/`timeout` point at Bybit itself (check https://status.bybit.com), `transport` at DNS, proxies or the network path, `malformedResponse` at a proxy answering with HTML, `rateLimited`/`ipBanned` at this process sending too much (see the rate-limiting alerts). Retries absorb short bursts; sustained failures mean callers are getting errors.")

    /// Bybit keeps answering retCode 10006.
    public static let rateLimitStorm = AlertDeclaration(
        "BybitRateLimitStorm",
        summary: "Bybit keeps rate-limiting {{ $labels.job }} (retCode 10006)",
        description: "{{ $labels.job }} received more than 0.2 (warning) or 2 (critical) retCode 10006 answers per second for 5 minutes. Requests are paused and retried, so data arrives late; continuing risks an IP ban.",
        conditions: [
            .warning("\(rateLimitHits.rate5m) > 0.2", for: .minutes(5)),
            .critical("\(rateLimitHits.rate5m) > 2", for: .minutes(5)),
        ],
        tests: [
            .silent("an occasional 10006", at: .minutes(20), given: [rateLimitHits.series("0+6x30", labels: ["endpoint": "kline"])]),
            .fires(.warning, when: "one 10006 per second", at: .minutes(20), labels: ["job": "app"],
                   given: [rateLimitHits.series("0+60x30", labels: ["endpoint": "kline"])]),
            .fires(.warning, .critical, when: "five 10006 per second", at: .minutes(20), labels: ["job": "app"],
                   given: [rateLimitHits.series("0+300x30", labels: ["endpoint": "kline"])]),
        ],
        response: "Lower the request rate: fewer concurrent fetches (`maxConcurrentRequests`, `lookout fetch --concurrency`), a smaller `UpstreamGuard` budget, or fewer processes sharing the IP. Check whether another program on the same IP is also calling Bybit.")

    /// Bybit answered HTTP 403: the IP is banned and every call fails until it ends.
    public static let ipBanned = AlertDeclaration(
        "BybitIPBanned", severity: .critical,
        expr: "\(banEndTime) - time() > 0",
        summary: "Bybit has banned the IP of {{ $labels.instance }}",
        description: "{{ $labels.instance }} received HTTP 403 from Bybit: the IP breached the 600 requests per 5 s limit (or is in a restricted region). Every call fails fast until the ban ends (at least 10 minutes).",
        tests: [
            .silent("no ban ever", at: .minutes(10), given: [banEndTime.series("0x20")]),
            .silent("a ban that already ended", at: .minutes(15), given: [banEndTime.series("0x2 300x20")]),
            .fires(.critical, when: "a ban ending in the future", at: .minutes(10), given: [banEndTime.series("0x5 3600x15")]),
        ],
        response: "Stop all traffic from this IP to Bybit until the ban ends; requests during a ban may extend it. Then find what exceeded the budget: several processes sharing one IP each with their own budget, a raised `UpstreamGuard` budget, or a retry loop outside the client. A 403 on the very first request means the IP's region is refused.")

    /// A test series of failed attempts with error `code`.
    private static func upstreamFailure(_ code: String, _ values: String) -> TestSeries {
        requestFailures.matching("code", .equal(code)).series(values, labels: ["endpoint": "kline"])
    }
}
