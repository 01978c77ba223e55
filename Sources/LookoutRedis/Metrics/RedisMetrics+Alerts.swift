import LookoutCatalog

/// The Redis client's alerts, each with the `promtool` cases proving when it fires. The
/// latency SLO's burn-rate alerts (``RedisMetrics/latency``) are generated from the objective.
extension RedisMetrics {
    /// The circuit breaker is open: Redis is unreachable and calls fail at once.
    public static let unreachable = AlertDeclaration(
        "RedisUnreachable", severity: .critical,
        expr: "max by (job, instance) (\(breakerState.matching("redis_breaker_state", .equal("open")))) == 1",
        for: .minutes(2),
        summary: "{{ $labels.instance }} cannot reach Redis (circuit breaker open)",
        description: "The Redis client of {{ $labels.instance }} ({{ $labels.job }}) has had its circuit breaker open for 2 minutes: consecutive connection failures or timeouts, so Redis calls fail at once. Caches fall back to their source and rate limiters to their local policy.",
        tests: [
            .silent("breaker closed", at: .minutes(10), given: [breaker("open", "0x20"), breaker("closed", "1x20")]),
            .silent("open for one minute", at: .minutes(10), given: [breaker("open", "0x9 1 0x10"), breaker("closed", "1x9 0 1x10")]),
            .fires(.critical, when: "open for five minutes", at: .minutes(10), labels: ["job": "app", "instance": "app:9180"],
                   given: [breaker("open", "0x5 1x15"), breaker("closed", "1x5 0x15")]),
        ],
        response: "Check that Redis is up and reachable from this host (`redis-cli -h HOST -p PORT PING`), then the Errors row of the Redis dashboard: `connection` errors point at a stopped server, a firewall or DNS; `timeout` at an overloaded server (slow log, `DEBUG SLEEP`, big keys) or a commandTimeout set too low. The breaker probes once per openDuration and closes by itself when Redis answers.")

    /// Too many Redis calls fail.
    public static let errorsHigh = AlertDeclaration(
        "RedisErrorsHigh",
        summary: "Redis calls from {{ $labels.job }} are failing",
        description: "More than 1% (warning, for 10 minutes) or 10% (critical, for 5 minutes) of {{ $labels.job }}'s Redis calls failed (connection errors, timeouts, protocol errors, an open breaker; error replies such as WRONGTYPE are not counted).",
        conditions: [
            .warning("\(errorRatio.recorded) > 0.01", for: .minutes(10)),
            .critical("\(errorRatio.recorded) > 0.1", for: .minutes(5)),
        ],
        tests: [
            .silent("0.1% of calls fail", at: .minutes(20), given: [calls("0+1000x30"), failures("timeout", "0+1x30")]),
            .silent("server errors are the callers' business", at: .minutes(20), given: [calls("0+1000x30"), failures("server", "0+500x30")]),
            .fires(.warning, when: "5% of calls time out for 10 minutes", at: .minutes(20), labels: ["job": "app"],
                   given: [calls("0+1000x30"), failures("timeout", "0+50x30")]),
            .fires(.warning, .critical, when: "half the calls fail", at: .minutes(20), labels: ["job": "app"],
                   given: [calls("0+1000x30"), failures("connection", "0+500x30")]),
        ],
        response: "Open the Redis dashboard's Errors row: `timeout` means Redis answers slowly (check its slow log and CPU, and `redis_pool_waiters`); `connection` means connections drop (restarts, failovers, `CLIENT KILL`, maxclients); `breaker_open` follows either; `protocol` means something that is not Redis answers on the port.")

    private static func breaker(_ state: String, _ values: String) -> TestSeries {
        breakerState.matching("redis_breaker_state", .equal(state)).series(values, labels: ["job": "app", "instance": "app:9180"])
    }

    private static func calls(_ values: String) -> TestSeries {
        duration.count.series(values, labels: ["job": "app", "command": "GET"])
    }

    private static func failures(_ kind: String, _ values: String) -> TestSeries {
        errors.matching("kind", .equal(kind)).series(values, labels: ["job": "app", "prefix": kind == "server" ? "WRONGTYPE" : "none"])
    }
}
