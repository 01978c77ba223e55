/// Every failure of a ``RedisClient`` call. New cases may be added: switch with a `default`.
public enum RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Connecting to, or talking to, `endpoint` (`host:port`) failed: refused, reset, closed by
    /// the server, DNS failure… `reason` says which. The call may be retried.
    case connection(endpoint: String, reason: String)
    /// `endpoint` did not answer within `after` (the connect or command timeout). The
    /// connection was closed, since a late reply would desynchronise it.
    case timeout(endpoint: String, after: Duration)
    /// The circuit breaker is open after consecutive failures: the call failed at once without
    /// touching the network. A probe is allowed in `retryAfter`.
    case breakerOpen(retryAfter: Duration)
    /// The server answered with an error reply (its prefix says what kind).
    case server(RedisServerError)
    /// The keys of a cluster transaction, script or multi-key command hash to different slots;
    /// use a `{hash tag}` so they share one.
    case crossSlot(keys: [String])
    /// The peer sent bytes that are not a valid Redis reply (a non-Redis service on the port?),
    /// or a reply of an unexpected shape.
    case protocolViolation(String)
    /// No connection to the node became usable within `waited`.
    case poolExhausted(waited: Duration)
    /// ``RedisClient/shutdown()`` was called.
    case shutDown
    /// The request itself is unusable (empty command, argument too large…); not retried.
    case invalidRequest(String)

    /// A short, bounded name of the case, for metric labels (`connection`, `timeout`,
    /// `breaker_open`, `server`, `cross_slot`, `protocol`, `pool_exhausted`, `shut_down`,
    /// `invalid_request`).
    public var kind: String {
        switch self {
        case .connection: return "connection"
        case .timeout: return "timeout"
        case .breakerOpen: return "breaker_open"
        case .server: return "server"
        case .crossSlot: return "cross_slot"
        case .protocolViolation: return "protocol"
        case .poolExhausted: return "pool_exhausted"
        case .shutDown: return "shut_down"
        case .invalidRequest: return "invalid_request"
        }
    }

    /// One readable line naming what failed and, where there is one, the fix.
    public var description: String {
        switch self {
        case .connection(let endpoint, let reason):
            return "Redis connection to \(endpoint) failed: \(reason)"
        case .timeout(let endpoint, let after):
            return "Redis at \(endpoint) did not answer within \(after.redisMilliseconds) ms"
        case .breakerOpen(let retryAfter):
            return "Redis circuit breaker is open after repeated failures; next probe in \(retryAfter.redisMilliseconds) ms"
        case .server(let error):
            return "Redis server error: \(error)"
        case .crossSlot(let keys):
            return "Redis Cluster keys hash to different slots (\(keys.joined(separator: ", "))); give them a common {hash tag}"
        case .protocolViolation(let detail):
            return "Redis protocol violation: \(detail) (is this port a Redis server?)"
        case .poolExhausted(let waited):
            return "no Redis connection became available within \(waited.redisMilliseconds) ms"
        case .shutDown:
            return "the Redis client was shut down"
        case .invalidRequest(let detail):
            return "invalid Redis request: \(detail)"
        }
    }

    /// Whether the failure is about reaching the server (connection, timeout, protocol), the
    /// failures the circuit breaker counts.
    var isTransportFailure: Bool {
        switch self {
        case .connection, .timeout, .protocolViolation: return true
        default: return false
        }
    }
}

extension Duration {
    /// The duration in seconds, for metrics.
    var redisSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Whole milliseconds, for messages.
    var redisMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
