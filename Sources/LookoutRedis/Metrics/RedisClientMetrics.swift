import Lookout
import LookoutCatalog

/// The live metric families of ``RedisMetrics`` in one `Registry`, recorded by a
/// ``RedisClient`` created with that registry. Clients sharing a registry add to the same
/// series.
///
/// Thread-safe: recording only touches the families' atomic series.
final class RedisClientMetrics: Sendable {
    let commands: CounterFamily
    let duration: HistogramFamily
    let pipelineSize: Histogram
    let errors: CounterFamily
    let breaker: StateSet
    let connectionsInUse: GaugeFamily
    let connectionsIdle: GaugeFamily
    let waiters: GaugeFamily
    let poolWait: Histogram
    let connects: CounterFamily
    let reconnects: CounterFamily
    let redirects: CounterFamily
    let slotMapRefreshes: CounterFamily
    let sentinelFailovers: Counter

    /// Server error prefixes that get their own `prefix` label value; others are `OTHER`.
    private static let knownPrefixes: Set<String> = [
        "ERR", "MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN", "CROSSSLOT", "NOSCRIPT", "READONLY", "LOADING", "BUSY", "MASTERDOWN",
        "NOAUTH", "WRONGPASS", "NOPERM", "OOM", "EXECABORT", "WRONGTYPE", "NOREPLICAS", "MISCONF", "BUSYKEY", "UNKILLABLE",
    ]

    /// Registers every Redis family in `registry` (or reuses identical ones already there).
    /// - Throws: `MetricError` if a family of the same name has another definition.
    init(registry: Registry) throws(MetricError) {
        commands = try RedisMetrics.commands.register(in: registry)
        duration = try RedisMetrics.duration.register(in: registry)
        pipelineSize = try RedisMetrics.pipelineSize.registerSeries(in: registry)
        errors = try RedisMetrics.errors.register(in: registry)
        breaker = try RedisMetrics.breakerState.register(in: registry).child(labelValues: [])
        connectionsInUse = try RedisMetrics.connectionsInUse.register(in: registry)
        connectionsIdle = try RedisMetrics.connectionsIdle.register(in: registry)
        waiters = try RedisMetrics.waiters.register(in: registry)
        poolWait = try RedisMetrics.poolWait.registerSeries(in: registry)
        connects = try RedisMetrics.connects.register(in: registry)
        reconnects = try RedisMetrics.reconnects.register(in: registry)
        redirects = try RedisMetrics.redirects.register(in: registry)
        slotMapRefreshes = try RedisMetrics.slotMapRefreshes.register(in: registry)
        sentinelFailovers = try RedisMetrics.sentinelFailovers.registerSeries(in: registry)
        try? breaker.set(RedisBreakerState.closed.rawValue)
        // Every redirect kind and slot-map outcome is exposed from the start at 0, so the
        // Cluster panels read "0 / s" (not "no data") for a standalone or healthy Cluster.
        for kind in ["moved", "ask", "tryagain", "clusterdown"] { _ = redirects.labels(kind) }
        for outcome in ["ok", "failed"] { _ = slotMapRefreshes.labels(outcome) }
    }

    /// Records one completed call: its duration under `label`, each command's outcome, and
    /// the error callers saw.
    func record(label: String, commandNames: [String], replies: [RedisReply]?, error: RedisError?, seconds: Double) {
        duration.labels(label).observe(seconds)
        if let replies {
            // A pipeline often repeats one command: one series lookup per run of equal
            // (command, outcome) pairs, not one per command.
            var run: (name: String, failed: Bool, count: Int)?
            for (index, name) in commandNames.enumerated() {
                let failed = index < replies.count && replies[index].serverError != nil
                if let current = run, current.name == name, current.failed == failed {
                    run?.count += 1
                    continue
                }
                if let current = run { commands.labels(current.name, current.failed ? "server_error" : "ok").inc(by: current.count) }
                run = (name, failed, 1)
            }
            if let current = run { commands.labels(current.name, current.failed ? "server_error" : "ok").inc(by: current.count) }
        } else {
            let outcome = if case .server = error { "server_error" } else { "failed" }
            for name in commandNames { commands.labels(name, outcome).inc() }
        }
        if let error { errors.labels(error.kind, Self.prefix(of: error)).inc() }
    }

    /// The `prefix` label of `error`.
    static func prefix(of error: RedisError) -> String {
        guard case .server(let serverError) = error else { return "none" }
        return knownPrefixes.contains(serverError.prefix) ? serverError.prefix : "OTHER"
    }

    func breakerChanged(to state: RedisBreakerState) {
        try? breaker.set(state.rawValue)
    }
}
