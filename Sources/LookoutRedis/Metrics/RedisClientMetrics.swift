import Lookout
import LookoutCatalog

/// The live metrics of ``RedisMetrics`` in one `Registry`, recorded by a ``RedisClient``
/// created with that registry: the catalog's `CatalogMetrics`, so a metric is its
/// declaration and its use (`metrics.catalog.redirects.labels(...)`), nothing else. Clients sharing
/// a registry add to the same series.
///
/// The families every call records into are resolved once here; the others are looked up
/// by member name in ``catalog`` (`metrics.catalog.redirects`: a key-path read and a
/// dictionary lookup, on paths that run once per pool, redirect or failover).
///
/// Thread-safe: immutable; recording only touches the families' atomic series.
final class RedisClientMetrics: Sendable {
    /// Every ``RedisMetrics`` declaration, live.
    let catalog: CatalogMetrics<RedisMetrics>
    /// The families and series every call records into, resolved once.
    private let commands: CounterFamily, duration: HistogramFamily, errors: CounterFamily
    /// Commands per pipeline call, resolved once.
    let pipelineSize: Histogram
    /// The circuit breaker's state set, resolved once.
    private let breaker: StateSet

    /// Server error prefixes that get their own `prefix` label value; others are `OTHER`.
    private static let knownPrefixes: Set<String> = [
        "ERR", "MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN", "CROSSSLOT", "NOSCRIPT", "READONLY", "LOADING", "BUSY", "MASTERDOWN",
        "NOAUTH", "WRONGPASS", "NOPERM", "OOM", "EXECABORT", "WRONGTYPE", "NOREPLICAS", "MISCONF", "BUSYKEY", "UNKILLABLE",
    ]

    /// Registers every Redis family in `registry` (or reuses identical ones already there).
    /// - Throws: `MetricError` if a family of the same name has another definition.
    init(registry: Registry) throws(MetricError) {
        catalog = try CatalogMetrics(registry: registry)
        commands = catalog.commands
        duration = catalog.duration
        errors = catalog.errors
        pipelineSize = catalog.pipelineSize
        breaker = catalog.breakerState
        try? breaker.set(RedisBreakerState.closed.rawValue)
        // Every redirect kind and slot-map outcome is exposed from the start at 0, so the
        // Cluster panels read "0 / s" (not "no data") for a standalone or healthy Cluster.
        let redirects: CounterFamily = catalog.redirects
        for kind in ["moved", "ask", "tryagain", "clusterdown"] { _ = redirects.labels(kind) }
        let slotMapRefreshes: CounterFamily = catalog.slotMapRefreshes
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
