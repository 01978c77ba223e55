/// Everything a ``RedisClient`` needs: the deployment, credentials, timeouts, pool size,
/// circuit breaker and reconnect settings.
///
/// One URL form covers the three deployments (see ``init(url:)``); the properties can then
/// be adjusted:
/// ```swift
/// var configuration = try RedisConfiguration(url: "redis://:secret@127.0.0.1:6379/2")
/// configuration.commandTimeout = .milliseconds(200)
/// ```
public struct RedisConfiguration: Sendable, Hashable {
    /// The deployment and its addresses.
    public var topology: RedisTopology
    /// The ACL user sent with `AUTH user password`; `nil` sends `AUTH password` (the `default` user).
    public var username: String?
    /// The password sent with `AUTH` on every new connection to a data node; `nil` sends no `AUTH`.
    public var password: String?
    /// The logical database selected on every new connection (`SELECT`); always 0 in a cluster.
    public var database: Int
    /// How long establishing one connection (TCP connect plus `AUTH`/`SELECT`) may take. Default 1 s.
    public var connectTimeout: Duration = .seconds(1)
    /// How long a command, pipeline or transaction may wait for its reply once sent. Default 500 ms.
    public var commandTimeout: Duration = .milliseconds(500)
    /// Connections per node. Each is multiplexed: concurrent calls share it, their commands
    /// pipelined automatically. Default 8.
    public var poolSize: Int = 8
    /// How long a call may wait for a usable connection (while one is being established)
    /// before failing with ``RedisError/poolExhausted(waited:)`` or the connect error. Default 1 s.
    public var poolWaitTimeout: Duration = .seconds(1)
    /// When the circuit breaker opens and how long it stays open.
    public var breaker = RedisBreakerConfiguration()
    /// Delays between reconnect attempts to a node.
    public var reconnectBackoff = RedisBackoff()
    /// How many `MOVED`/`ASK`/`TRYAGAIN`/`CLUSTERDOWN` rounds one cluster call follows. Default 5.
    public var maxRedirects: Int = 5
    /// How long the event-loop thread polls without sleeping while replies are due, before it
    /// blocks in `poll`. A loopback reply usually arrives within tens of microseconds, and
    /// waking a sleeping thread costs about as much again, so a short spin lowers latency at
    /// the price of CPU while calls are in flight. `.zero` disables it. Default 50 µs.
    public var replySpin: Duration = .microseconds(50)
    /// The largest reply accepted, in bytes; a bigger one closes the connection with
    /// ``RedisError/protocolViolation(_:)``. Default 512 MiB (Redis's own bulk limit).
    public var maxReplyBytes: Int = 512 << 20

    /// A configuration for `topology` with no credentials and database 0.
    public init(topology: RedisTopology, username: String? = nil, password: String? = nil, database: Int = 0) {
        self.topology = topology
        self.username = username
        self.password = password
        self.database = database
    }

    /// The configuration as a URL with the password replaced by `***`, for logs.
    public var redactedURL: String {
        var userInfo = ""
        if username != nil || password != nil {
            userInfo = (username.map(RedisURLParser.percentEncode) ?? "") + (password == nil ? "" : ":***") + "@"
        }
        switch topology {
        case .standalone(let endpoint):
            return "redis://\(userInfo)\(endpoint)" + (database == 0 ? "" : "/\(database)")
        case .sentinel(let sentinels, let masterName):
            return "redis+sentinel://\(userInfo)\(sentinels.map(\.description).joined(separator: ","))/\(RedisURLParser.percentEncode(masterName))"
                + (database == 0 ? "" : "/\(database)")
        case .cluster(let seeds):
            return "redis+cluster://\(userInfo)\(seeds.map(\.description).joined(separator: ","))"
        }
    }
}

/// Circuit breaker settings: after ``failureThreshold`` consecutive transport failures
/// (connect errors, timeouts, dropped connections) calls fail at once with
/// ``RedisError/breakerOpen(retryAfter:)`` for ``openDuration``; then one probe call is let
/// through (half-open) and its outcome closes or reopens the breaker.
public struct RedisBreakerConfiguration: Sendable, Hashable {
    /// Consecutive transport failures that open the breaker. Default 5.
    public var failureThreshold: Int = 5
    /// How long the breaker stays open before a probe. Default 1 s.
    public var openDuration: Duration = .seconds(1)

    /// The defaults.
    public init() {}
}

/// Reconnect delays: attempt *n* waits a random time in `[0, min(cap, initial × 2ⁿ)]`
/// ("full jitter"), so clients that lost Redis together do not reconnect together.
public struct RedisBackoff: Sendable, Hashable {
    /// The delay bound of the first retry. Default 50 ms.
    public var initial: Duration = .milliseconds(50)
    /// The largest delay bound. Default 2 s.
    public var cap: Duration = .seconds(2)

    /// The defaults.
    public init() {}
}
