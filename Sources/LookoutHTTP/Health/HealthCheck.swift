import Synchronization

/// How well a component (or the whole service) works.
///
/// Ordered from best to worst, so the service's status is the `max` of its components'.
public enum HealthStatus: String, Sendable, Hashable, Comparable, CaseIterable {
    /// Working normally.
    case ok
    /// Working with reduced capacity or quality (a fallback in use, a replica lost); the
    /// service still answers.
    case degraded
    /// Not working: requests that need it fail.
    case down

    private var rank: Int {
        switch self {
        case .ok: 0
        case .degraded: 1
        case .down: 2
        }
    }

    public static func < (lhs: HealthStatus, rhs: HealthStatus) -> Bool { lhs.rank < rhs.rank }
}

/// One component's health: a status and, optionally, a human-readable detail such as
/// `"connected to 127.0.0.1:6379"` or `"3 of 10 requests failed in the last minute"`.
public struct ComponentHealth: Sendable, Hashable {
    /// The status.
    public var status: HealthStatus
    /// What an operator should know; `nil` for none. Keep it short and free of secrets:
    /// it is served to anyone who can reach the health endpoint.
    public var detail: String?

    /// A health of `status` with an optional `detail`.
    public init(_ status: HealthStatus, detail: String? = nil) {
        self.status = status
        self.detail = detail
    }

    /// `ok` without detail.
    public static let ok = ComponentHealth(.ok)
}

/// A component that reports its health to a ``HealthMonitor``: a Redis connection, an
/// upstream API client, a cache, a rate limiter.
///
/// ``health()`` is called on every request to the health endpoint, on an event loop
/// thread: it must return at once and never block or do I/O. A component whose health
/// needs a probe (a `PING`, a test request) runs the probe in the background and returns
/// the latest result; ``HealthIndicator`` does exactly that bookkeeping.
public protocol HealthCheck: Sendable {
    /// The component's name in health reports, for example `redis` or `bybit`. Names are
    /// unique within a monitor.
    var name: String { get }
    /// The component's current health. Must not block.
    func health() -> ComponentHealth
}

/// A ``HealthCheck`` whose status the component pushes whenever it learns something
/// (a connection lost, a probe succeeded).
///
/// ```swift
/// let redisHealth = HealthIndicator(name: "redis", initial: ComponentHealth(.down, detail: "connecting"))
/// monitor.register(redisHealth)
/// // later, in the Redis client:
/// redisHealth.update(.ok, detail: "connected to 127.0.0.1:6379")
/// ```
///
/// Thread-safety: safe from any thread.
public final class HealthIndicator: HealthCheck {
    /// The component's name.
    public let name: String
    private let current: Mutex<ComponentHealth>

    /// An indicator named `name`, reporting `initial` until the first update.
    public init(name: String, initial: ComponentHealth = .ok) {
        self.name = name
        current = Mutex(initial)
    }

    /// Replaces the reported health.
    public func update(_ status: HealthStatus, detail: String? = nil) {
        current.withLock { $0 = ComponentHealth(status, detail: detail) }
    }

    /// The latest reported health.
    public func health() -> ComponentHealth { current.withLock { $0 } }
}
