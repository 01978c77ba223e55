/// Where limiter state lives: one atomic read-decide-write per call.
///
/// A backend decides one request for one key under one ``RateLimit``, with its own notion
/// of "now" (the in-memory backend its ``RateLimitClock``, Redis its `TIME`), and counts
/// the request only when it is admitted. Every backend passes the same conformance suite
/// (Tests/LookoutRateLimitTests/BackendConformance.swift). Implementations must be
/// thread-safe.
public protocol RateLimitBackend: Sendable {
    /// A short, bounded name for metric labels: `memory`, `redis`.
    var name: String { get }

    /// Decides a request of `cost` (1 to `limit.limit`) for `key` under `limit`.
    ///
    /// - Throws: ``RateLimitBackendError`` when the state could not be read or written.
    func decide(key: String, limit: RateLimit, cost: Int) async throws(RateLimitBackendError) -> RateLimitDecision
}

/// A backend that decides without waiting (in memory), so HTTP middleware can answer on
/// the event loop without a task.
public protocol SynchronousRateLimitBackend: RateLimitBackend {
    /// Decides a request of `cost` for `key` under `limit`, immediately.
    func decideNow(key: String, limit: RateLimit, cost: Int) -> RateLimitDecision
}

/// Why a backend could not decide.
public struct RateLimitBackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bounded kind, usable as a metric label.
    public enum Kind: String, Sendable, Hashable {
        /// The store was unreachable, timed out or refused the connection.
        case unavailable
        /// The store answered with an error (for example `OOM`, `BUSY`, `READONLY`).
        case serverError = "server_error"
        /// The store answered something the limiter cannot interpret.
        case malformedReply = "malformed_reply"
    }

    /// What kind of failure it was.
    public let kind: Kind
    /// What happened, for logs.
    public let message: String

    /// An error of `kind` described by `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `kind: message`, for example `unavailable: Redis connection to 127.0.0.1:6379 failed: Connection refused`.
    public var description: String { "\(kind.rawValue): \(message)" }
}
