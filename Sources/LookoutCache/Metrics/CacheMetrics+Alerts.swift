import LookoutCatalog

extension CacheMetrics {
    /// Chunk hits over all chunk lookups, per job.
    public static let hitRatio = RatioDeclaration(
        "candle_cache_hits", help: "Share of candle chunks served from the cache.",
        numerator: [hits], denominator: [hits, misses],
        chart: .stat(row: "Efficiency", title: "Hit ratio", thresholds: .below(warning: 0.7, critical: 0.4)))

    /// Stored bytes over raw JSON bytes, per job: how small the chunks are.
    public static let compressionRatio = RatioDeclaration(
        "candle_cache_stored_to_raw", help: "Bytes stored per byte of the same candles as Bybit JSON (lower is better).",
        numerator: [storedBytes], denominator: [rawBytes],
        chart: .stat(row: "Storage", title: "Stored / raw JSON", thresholds: .above(warning: 0.3, critical: 0.5)))

    /// The hit ratio dropped: more traffic goes to Bybit than the cache should let through.
    public static let hitRatioLow = AlertDeclaration(
        "CandleCacheHitRatioLow",
        summary: "The candle cache of {{ $labels.job }} serves few chunks",
        description: "Less than 50% (warning) or 20% (critical) of {{ $labels.job }}'s candle chunks came from the cache over 5 minutes, so most requests go to Bybit.",
        conditions: [
            .warning("\(hitRatio.recorded) < 0.5", for: .minutes(15)),
            .critical("\(hitRatio.recorded) < 0.2", for: .minutes(15)),
        ],
        tests: [
            .silent("90% hits", at: .minutes(30), given: [
                hits.series("0+90x40", labels: ["backend": "redis"]), misses.series("0+10x40", labels: ["backend": "redis", "reason": "absent"]),
            ]),
            .silent("no traffic at all", at: .minutes(30), given: [
                hits.series("0x40", labels: ["backend": "redis"]), misses.series("0x40", labels: ["backend": "redis", "reason": "absent"]),
            ]),
            .fires(.warning, when: "a third of the chunks hit", at: .minutes(30), labels: ["job": "app"], given: [
                hits.series("0+30x40", labels: ["backend": "redis"]), misses.series("0+60x40", labels: ["backend": "redis", "reason": "expired"]),
            ]),
            .fires(.warning, .critical, when: "almost nothing hits", at: .minutes(30), labels: ["job": "app"], given: [
                hits.series("0+5x40", labels: ["backend": "redis"]), misses.series("0+95x40", labels: ["backend": "redis", "reason": "bypass"]),
            ]),
        ],
        response: "Look at the misses by reason on the cache dashboard: `unavailable`/`bypass` mean the backend is failing (see CandleCacheDegraded); `absent` right after a deploy or a Redis restart is the cache refilling; steady `absent`/`expired` mean the memory budget is too small (evictions) or the workload reads new ranges; `corrupt` means something else writes under the cache's keys.")

    /// The backend is failing: candles come from Bybit (and memory) only.
    public static let degradedAlert = AlertDeclaration(
        "CandleCacheDegraded", severity: .warning,
        expr: "max by (job) (\(degraded)) > 0", for: .minutes(5),
        summary: "The candle cache of {{ $labels.job }} cannot reach its backend",
        description: "{{ $labels.job }} has been serving candles from upstream because its cache backend (Redis) is failing for 5 minutes. Callers still get correct candles, but every miss costs a Bybit request.",
        tests: [
            .silent("healthy", at: .minutes(20), given: [degraded.series("0x30")]),
            .silent("a two-minute blip", at: .minutes(20), given: [degraded.series("0x10 1x2 0x20")]),
            .fires(.warning, when: "Redis down for ten minutes", at: .minutes(20), labels: ["job": "app"], given: [degraded.series("0x5 1x30")]),
        ],
        response: "Check Redis: `redis-cli -u $LOOKOUT_REDIS_URL PING`, its logs, memory (`INFO memory`, OOM errors) and the network path. The cache reconnects by itself; the backend errors panel shows the error code (unavailable, timeout, out_of_memory).")

    /// Backend operations are slow.
    public static let latencyHigh = AlertDeclaration(
        "CandleCacheLatencyHigh", severity: .warning,
        expr: "\(operationDuration.p99) > 0.05", for: .minutes(10),
        summary: "Cache operations of {{ $labels.job }} are slow",
        description: "The 99th percentile of {{ $labels.job }}'s cache backend operations took more than 50 ms over 10 minutes; a hit should take about a millisecond.",
        tests: [
            .silent("fast operations", at: .minutes(20), given: [
                operationDuration.bucket.series("0+100x30", labels: ["le": "0.001", "backend": "redis", "operation": "get"]),
                operationDuration.bucket.series("0+100x30", labels: ["le": "0.25", "backend": "redis", "operation": "get"]),
                operationDuration.bucket.series("0+100x30", labels: ["le": "+Inf", "backend": "redis", "operation": "get"]),
            ]),
            .fires(.warning, when: "most operations take over 100 ms", at: .minutes(20), labels: ["job": "app", "quantile": "0.99"], given: [
                operationDuration.bucket.series("0+10x30", labels: ["le": "0.001", "backend": "redis", "operation": "get"]),
                operationDuration.bucket.series("0+100x30", labels: ["le": "0.25", "backend": "redis", "operation": "get"]),
                operationDuration.bucket.series("0+100x30", labels: ["le": "+Inf", "backend": "redis", "operation": "get"]),
            ]),
        ],
        response: "Look at Redis latency (`redis-cli --latency`, `SLOWLOG GET`), its CPU and the network. Slow operations are cut off at the command timeout and served from upstream, so callers see Bybit's latency instead.")
}
