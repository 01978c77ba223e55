import LookoutCatalog

/// The rate limiter's alerts, each with the `promtool` cases proving when it fires.
extension RateLimitMetrics {
    /// A large share of requests has been answered `429` for a long time.
    public static let rejectionsHigh = AlertDeclaration(
        "RateLimitRejectionsHigh",
        summary: "{{ $labels.job }} answers many requests with 429 ({{ $labels.policy }})",
        description: "More than 10% (warning, for 15 minutes) or 50% (critical, for 10 minutes) of the {{ $labels.policy }} policy's decisions in {{ $labels.job }} denied the request.",
        conditions: [
            .warning("\(rejections.recorded) > 0.1", for: .minutes(15)),
            .critical("\(rejections.recorded) > 0.5", for: .minutes(10)),
        ],
        tests: [
            .silent("2% of requests are limited", at: .minutes(30), given: [allowed("0+98x40"), denied("0+2x40")]),
            .fires(.warning, when: "20% are limited for 15 minutes", at: .minutes(30), labels: ["job": "app", "policy": "per-ip"],
                   given: [allowed("0+80x40"), denied("0+20x40")]),
            .fires(.warning, .critical, when: "most requests are limited", at: .minutes(30), labels: ["job": "app", "policy": "per-ip"],
                   given: [allowed("0+20x40"), denied("0+80x40")]),
            .silent("a five-minute burst of 429s stays pending", at: .minutes(30),
                    given: [allowed("0+80x40"), denied("0x25 0+80x15")]),
        ],
        response: "Open the rate-limiting dashboard: the decisions panel shows which policy denies. One client over its per-ip limit is the limiter doing its job; a `global` policy denying, or every client denied at once, means the limit is too low for the real traffic (raise it) or an adaptive limit collapsed (see the Adaptive row).")

    /// Decisions are made in local memory because the shared backend (Redis) failed.
    public static let fallbackActiveAlert = AlertDeclaration(
        "RateLimitFallbackActive",
        summary: "{{ $labels.instance }} limits requests from local memory: Redis is failing",
        description: "{{ $labels.instance }} ({{ $labels.job }}) has decided rate limits in local memory for 5 minutes, because its Redis backend failed. Each instance now enforces the limits on its own, so a shared limit admits up to one limit per instance.",
        conditions: [
            .warning("max by (job, instance) (\(fallbackActive)) > 0", for: .minutes(5)),
        ],
        tests: [
            .silent("Redis healthy", at: .minutes(20), given: [fallbackActive.series("0x30")]),
            .silent("a one-minute Redis restart", at: .minutes(20), given: [fallbackActive.series("0x15 1 1 0x15")]),
            .fires(.warning, when: "Redis down for ten minutes", at: .minutes(20), given: [fallbackActive.series("0x8 1x22")]),
        ],
        response: "Check Redis (the `redis` dashboard, `redis-cli -u <url> PING`) and the rate_limit_backend_errors panel for the kind of failure. The limiter returns to Redis by itself once it answers again.")

    /// An adaptive limit has been cut to a quarter or less of its configured value.
    public static let adaptiveCollapsed = AlertDeclaration(
        "RateLimitAdaptiveCollapsed",
        summary: "{{ $labels.instance }}'s adaptive {{ $labels.policy }} limit fell to a quarter or less",
        description: "The adaptive {{ $labels.policy }} limit of {{ $labels.instance }} ({{ $labels.job }}) has been at or below 25% of its configured value for 10 minutes: upstream rate limits, saturation or slow responses keep pushing it down.",
        conditions: [
            .warning("\(adaptiveShare.recorded) <= 0.25", for: .minutes(10)),
        ],
        tests: [
            .silent("at the configured limit", at: .minutes(20),
                    given: [effectiveLimit.series("1000x30", labels: ["policy": "global"]), configuredLimit.series("1000x30", labels: ["policy": "global"])]),
            .silent("halved once", at: .minutes(20),
                    given: [effectiveLimit.series("500x30", labels: ["policy": "global"]), configuredLimit.series("1000x30", labels: ["policy": "global"])]),
            .fires(.warning, when: "at the floor for 15 minutes", at: .minutes(20), labels: ["job": "app", "instance": "app:9090", "policy": "global"],
                   given: [effectiveLimit.series("1000x5 100x25", labels: ["policy": "global"]),
                           configuredLimit.series("1000x30", labels: ["policy": "global"])]),
        ],
        response: "Look at the pressure-signals panel for the source: `upstream_rate_limited`/`upstream_banned` mean the upstream (Bybit) throttles this host, `in_flight` and `latency` that the service itself is overloaded. The limit recovers by itself once the pressure stops.")

    private static func allowed(_ values: String) -> TestSeries {
        decisions.matching("result", .equal("allowed")).series(values, labels: ["policy": "per-ip"])
    }

    private static func denied(_ values: String) -> TestSeries {
        decisions.matching("result", .equal("denied")).series(values, labels: ["policy": "per-ip"])
    }
}
