import Synchronization

/// The service's health: its lifecycle phase and the components that report in.
///
/// The service's status is the worst of its components' (``HealthStatus/ok`` with none).
/// It is *ready* for traffic while ``Phase/serving`` and not ``HealthStatus/down``; a
/// service starting up or draining for shutdown is alive but not ready, so load
/// balancers and orchestrators stop sending it new requests.
///
/// ```swift
/// let monitor = HealthMonitor(version: "1.4.0")
/// monitor.register(redisHealth)          // any HealthCheck
/// try server.start()
/// monitor.markServing()
/// // on SIGTERM:
/// monitor.markDraining()
/// ```
///
/// Serve it with ``HealthEndpoint``. Thread-safety: safe from any thread.
public final class HealthMonitor: Sendable {
    /// Where the service is in its life.
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        /// Not yet accepting traffic (the initial phase).
        case starting
        /// Accepting traffic.
        case serving
        /// Finishing in-flight work before stopping.
        case draining
    }

    private struct State {
        var phase = Phase.starting
        /// Checks sorted by name, so reports list components in a stable order.
        var checks: [any HealthCheck] = []
    }

    /// The version reported (the service's, not Lookout's).
    public let version: String
    private let started: MonotonicInstant
    private let state = Mutex(State())

    /// A monitor for a service at `version`, in phase ``Phase/starting``; uptime counts
    /// from now.
    public init(version: String) {
        self.version = version
        started = MonotonicInstant.now()
    }

    /// Adds a component's check. A check with the same name as one already registered
    /// replaces it (a component that restarts registers again).
    public func register(_ check: any HealthCheck) {
        state.withLock { state in
            state.checks.removeAll { $0.name == check.name }
            state.checks.append(check)
            state.checks.sort { $0.name < $1.name }
        }
    }

    /// Removes the check named `name`; returns whether there was one.
    @discardableResult
    public func unregister(name: String) -> Bool {
        state.withLock { state in
            let before = state.checks.count
            state.checks.removeAll { $0.name == name }
            return state.checks.count != before
        }
    }

    /// The current phase.
    public var phase: Phase { state.withLock { $0.phase } }

    /// The service accepts traffic: readiness turns `200` (unless a component is down).
    public func markServing() { state.withLock { $0.phase = .serving } }

    /// The service is shutting down: readiness turns `503` for good.
    public func markDraining() { state.withLock { $0.phase = .draining } }

    /// The health of the service and of every registered component, now.
    ///
    /// Checks are called outside the monitor's lock, in name order.
    public func report() -> HealthReport {
        let (phase, checks) = state.withLock { ($0.phase, $0.checks) }
        let components = checks.map { HealthReport.Component(name: $0.name, health: $0.health()) }
        let uptime = MonotonicInstant.now().seconds(since: started)
        return HealthReport(phase: phase, version: version, uptimeSeconds: Int(uptime), components: components)
    }
}
