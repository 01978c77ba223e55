import Lookout
import LookoutCatalog

/// Every metric ``RedisClient`` exports, declared once: these declarations create the live
/// families (``RedisClientMetrics``) and generate `dashboards/redis.json`,
/// `alerts/redis.rules.yml`, its promtool tests and runbook. No metric name is written
/// anywhere else.
///
/// Labels are bounded: `command` is a command name this client knows (else `OTHER`) or
/// `pipeline`/`transaction`/`script` for calls of several commands; `outcome` is `ok`,
/// `server_error` or `failed`; `kind` is ``RedisError/kind``; `prefix` a known server error
/// prefix (else `OTHER`, `none` for non-server errors); `node` a Redis node's `host:port`
/// (bounded by the deployment's size); `state` a ``RedisBreakerState``.
public struct RedisMetrics: CatalogDeclarations {
    /// Makes the declarations; read them as statics (`RedisMetrics.<member>`).
    public init() {}

    // MARK: Traffic

    /// Commands completed, by command and outcome (every command of a pipeline counts).
    public let commands = CounterDeclaration(
        "redis_commands", help: "Redis commands completed, by command name and outcome (ok, server_error, failed).",
        labelNames: ["command", "outcome"],
        chart: .timeseries(row: "Traffic", title: "Commands / s", unit: .operationsPerSecond, legend: "{{command}} {{outcome}}"))

    /// Time from a call to its replies, by command (`pipeline`, `transaction`, `script` for those calls).
    public let duration = HistogramDeclaration(
        "redis_command_duration_seconds", help: "Time from a Redis call to its complete reply, by command (pipeline, transaction or script for those calls).",
        unit: .seconds, labelNames: ["command"],
        buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        chart: Chart(row: "Latency", title: "Call duration", by: ["command"]))

    /// Commands per pipeline call.
    public let pipelineSize = HistogramDeclaration(
        "redis_pipeline_commands", help: "Commands per Redis pipeline call.",
        buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024],
        chart: Chart(row: "Latency", title: "Pipeline size", unit: .short))

    // MARK: Errors

    /// Calls that failed (what callers saw), by error kind and server error prefix.
    public let errors = CounterDeclaration(
        "redis_errors", help: "Redis calls that failed, by error kind (connection, timeout, server, breaker_open…) and server error prefix.",
        labelNames: ["kind", "prefix"],
        chart: .timeseries(row: "Errors", title: "Errors / s", unit: .operationsPerSecond, legend: "{{kind}} {{prefix}}"))

    /// Failed calls over all calls.
    public static let errorRatio = RatioDeclaration(
        "redis_call_errors", help: "Share of Redis calls that failed for a reason other than a server error reply.",
        numerator: errors.matching("kind", .notRegex("server|invalid_request")), denominator: duration.count,
        chart: .stat(row: "Errors", title: "Failed call ratio", thresholds: .above(warning: 0.01, critical: 0.05)))

    /// The circuit breaker's state (one series per state; the current one is 1).
    public let breakerState = StateSetDeclaration(
        "redis_breaker_state", help: "State of the Redis client's circuit breaker (closed, open, half_open).",
        states: RedisBreakerState.allCases.map(\.rawValue),
        chart: Chart(row: "Errors", title: "Breaker state"))

    // MARK: Connections

    /// Connections with requests in flight, per node.
    public let connectionsInUse = GaugeDeclaration(
        "redis_pool_connections_in_use", help: "Redis connections with requests in flight, per node.",
        labelNames: ["node"], chart: .timeseries(row: "Connections", title: "Connections in use", legend: "{{node}}"))

    /// Open connections without requests in flight, per node.
    public let connectionsIdle = GaugeDeclaration(
        "redis_pool_connections_idle", help: "Open Redis connections without requests in flight, per node.",
        labelNames: ["node"], chart: .timeseries(row: "Connections", title: "Idle connections", legend: "{{node}}"))

    /// Calls waiting for a usable connection, per node.
    public let waiters = GaugeDeclaration(
        "redis_pool_waiters", help: "Redis calls waiting for a usable connection, per node.",
        labelNames: ["node"], chart: .timeseries(row: "Connections", title: "Waiting calls", legend: "{{node}}"))

    /// Time calls waited for a usable connection (only calls that had to wait).
    public let poolWait = HistogramDeclaration(
        "redis_pool_wait_seconds", help: "Time a Redis call waited for a usable connection (calls that found none ready).",
        unit: .seconds, buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        chart: Chart(row: "Connections", title: "Pool wait"))

    /// Connection attempts after the first to a node (after a failure, a drop, or to grow the pool), by outcome.
    public let connects = CounterDeclaration(
        "redis_connects", help: "Redis connection attempts, by node and outcome (ok or failed).",
        labelNames: ["node", "outcome"],
        chart: .timeseries(row: "Connections", title: "Connection attempts / s", unit: .operationsPerSecond, legend: "{{node}} {{outcome}}"))

    /// Connections re-opened after one to the same node failed or was dropped.
    public let reconnects = CounterDeclaration(
        "redis_reconnects", help: "Redis connections re-opened after a failed attempt or a dropped connection, by node.",
        labelNames: ["node"],
        chart: .timeseries(row: "Connections", title: "Reconnects / s", unit: .operationsPerSecond, legend: "{{node}}"))

    // MARK: Topology

    /// Cluster redirects followed, by kind (`moved`, `ask`, `tryagain`, `clusterdown`).
    public let redirects = CounterDeclaration(
        "redis_cluster_redirects", help: "Redis Cluster redirections and retries followed, by kind (moved, ask, tryagain, clusterdown).",
        labelNames: ["kind"],
        chart: .timeseries(row: "Topology", title: "Cluster redirects / s", unit: .operationsPerSecond, legend: "{{kind}}"))

    /// Slot-map reloads (`CLUSTER SLOTS`), by outcome.
    public let slotMapRefreshes = CounterDeclaration(
        "redis_cluster_slot_map_refreshes", help: "Redis Cluster slot-map reloads (CLUSTER SLOTS), by outcome (ok or failed).",
        labelNames: ["outcome"],
        chart: .timeseries(row: "Topology", title: "Slot-map refreshes / s", unit: .operationsPerSecond, legend: "{{outcome}}"))

    /// Primary changes discovered through Sentinel.
    public let sentinelFailovers = CounterDeclaration(
        "redis_sentinel_failovers", help: "Redis primary address changes discovered through Sentinel.",
        chart: .timeseries(row: "Topology", title: "Sentinel failovers seen", unit: .short, legend: "{{instance}}", by: ["instance"]))

    // MARK: Objectives

    /// 99% of Redis calls complete within 10 ms, over 28 days.
    public static let latency = ServiceLevelObjective.latency(
        "redis_latency", description: "Redis calls answered within 10 ms", objective: 0.99, histogram: duration, threshold: 0.01)

    /// The module's dashboard.
    public static let dashboard = DashboardDeclaration("redis", title: "Redis client", tags: ["redis"])

    /// The Redis client's catalog: `dashboards/redis.json`, `alerts/redis.rules.yml`,
    /// `alerts/tests/redis-test.yaml` and `alerts/runbooks/redis.md`.
    public static let catalog = MetricCatalog(
        "redis", title: "Redis client",
        dashboards: [dashboard],
        declarations: RedisMetrics.self,
        ratios: [errorRatio],
        alerts: [unreachable, errorsHigh],
        objectives: [latency])
}
