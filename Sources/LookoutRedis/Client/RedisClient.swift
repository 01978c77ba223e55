import Lookout
import Synchronization

/// An asynchronous Redis client for a standalone server, a Sentinel-managed primary or a
/// Redis Cluster.
///
/// ```swift
/// let client = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:6379"))
/// try await client.send(.set("greeting", "hello", ttl: .seconds(60)))
/// let value = try await client.send(.get("greeting")).string
/// await client.shutdown()
/// ```
///
/// Calls never block a thread of Swift's cooperative pool: commands are written with
/// non-blocking sockets and replies are read by one event-loop thread per client, which
/// completes the suspended callers. Connections are multiplexed: concurrent calls share
/// them and their commands are pipelined automatically, in call order per connection.
/// Task cancellation does not interrupt a call; every call ends within its timeouts.
///
/// Thread-safety: all methods may be called concurrently from any task.
/// Blocking commands (`BLPOP`, `XREAD BLOCK`, `SUBSCRIBE`) are not supported: they would
/// hold a shared connection and exceed ``RedisConfiguration/commandTimeout``.
public final class RedisClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: RedisConfiguration
    /// Why the client records no metrics although a registry was given (a family of the same
    /// name with another definition was already registered); `nil` otherwise.
    public let metricsError: MetricError?
    let connector: RedisConnector
    let breaker: RedisCircuitBreaker<ContinuousClock>
    private let cluster: RedisClusterRouter?
    private let sentinel: RedisSentinelResolver?

    /// Creates a client. It does not connect yet: the first call opens a connection, in the
    /// background, and never blocks the caller. `registry` receives the client's metrics
    /// (``RedisMetrics``).
    public init(configuration: RedisConfiguration, registry: Registry? = nil) {
        self.configuration = configuration
        var metrics: RedisClientMetrics?
        var metricsError: MetricError?
        if let registry {
            do throws(MetricError) {
                metrics = try RedisClientMetrics(registry: registry)
            } catch {
                metricsError = error
            }
        }
        self.metricsError = metricsError
        connector = RedisConnector(configuration: configuration, metrics: metrics)
        breaker = RedisCircuitBreaker(configuration: configuration.breaker, clock: ContinuousClock()) { [metrics] state in
            metrics?.breakerChanged(to: state)
        }
        switch configuration.topology {
        case .standalone:
            cluster = nil
            sentinel = nil
        case .cluster(let seeds):
            cluster = RedisClusterRouter(seeds: seeds, connector: connector)
            sentinel = nil
        case .sentinel(let sentinels, let masterName):
            cluster = nil
            sentinel = RedisSentinelResolver(sentinels: sentinels, masterName: masterName, connector: connector)
        }
    }

    // MARK: Commands

    /// Sends one command and returns its reply.
    /// - Throws: ``RedisError/server(_:)`` for an error reply, ``RedisError/crossSlot(keys:)``
    ///   for a multi-key command over several cluster slots, or the transport failure.
    public func send(_ command: RedisCommand) async throws(RedisError) -> RedisReply {
        try await call(label: command.metricName, commandNames: [command.metricName]) { () async throws(RedisError) -> [RedisReply] in
            let replies = try await self.route([command], shape: .commands)
            if case .error(let error) = replies[0] { throw RedisError.server(error) }
            return replies
        }[0]
    }

    /// Sends many commands in one round trip (per node in a cluster); replies come back in
    /// order, a command's server error as an ``RedisReply/error(_:)`` element (in a cluster,
    /// a command whose keys span slots gets a `CROSSSLOT` element). Transport failures throw.
    public func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        connector.metrics?.pipelineSize.observe(Double(commands.count))
        return try await call(label: "pipeline", commandNames: commands.map(\.metricName)) { () async throws(RedisError) -> [RedisReply] in
            try await self.route(commands, shape: .commands)
        }
    }

    /// Runs the commands in `MULTI` … `EXEC` and returns their replies (a command's runtime
    /// error as an ``RedisReply/error(_:)`` element). In a cluster every key must hash to one
    /// slot.
    /// - Throws: ``RedisError/server(_:)`` when a command was rejected at queue time (the
    ///   transaction was discarded; the error is the first rejected command's),
    ///   ``RedisError/crossSlot(keys:)`` in a cluster, or the transport failure.
    public func transaction(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        return try await call(label: "transaction", commandNames: commands.map(\.metricName)) { () async throws(RedisError) -> [RedisReply] in
            try Self.transactionResult(try await self.route(commands, shape: .transaction))
        }
    }

    /// Runs `script` with `EVALSHA`; if the server does not have it (`NOSCRIPT`, after a
    /// restart, `SCRIPT FLUSH` or a failover) loads it with `SCRIPT LOAD` and runs it again,
    /// transparently. In a cluster it runs on the node of its first key; all keys must share
    /// a slot.
    /// - Throws: ``RedisError/server(_:)`` for the script's own error,
    ///   ``RedisError/crossSlot(keys:)``, or the transport failure.
    public func evaluate(_ script: RedisScript, keys: [String], arguments: [[UInt8]]) async throws(RedisError) -> RedisReply {
        let evalsha = RedisCommand(
            arguments: [Array("EVALSHA".utf8), Array(script.sha1.utf8), Array(String(keys.count).utf8)] + keys.map { Array($0.utf8) } + arguments,
            keyPositions: Array(3..<(3 + keys.count)))
        return try await call(label: "script", commandNames: ["EVALSHA"]) { () async throws(RedisError) -> [RedisReply] in
            let replies = try await self.route([evalsha], shape: .script(script))
            if case .error(let error) = replies[0] { throw RedisError.server(error) }
            return replies
        }[0]
    }

    /// The circuit breaker's state; ``RedisBreakerState/open`` means calls fail at once.
    public var breakerState: RedisBreakerState { breaker.state }

    /// Closes every connection and fails waiting calls; later calls throw ``RedisError/shutDown``.
    public func shutdown() async {
        await connector.shutdown()
    }

    // MARK: Internals

    /// Runs `body` behind the circuit breaker and records its metrics.
    private func call(label: String, commandNames: [String],
                      _ body: () async throws(RedisError) -> [RedisReply]) async throws(RedisError) -> [RedisReply] {
        let metrics = connector.metrics
        guard !connector.shutDown else { throw RedisError.shutDown }
        if case .reject(let retryAfter) = breaker.admit() {
            let error = RedisError.breakerOpen(retryAfter: retryAfter)
            metrics?.record(label: label, commandNames: commandNames, replies: nil, error: error, seconds: 0)
            throw error
        }
        let start = ContinuousClock.now
        do throws(RedisError) {
            let replies = try await body()
            breaker.record(nil)
            metrics?.record(label: label, commandNames: commandNames, replies: replies, error: nil, seconds: (ContinuousClock.now - start).redisSeconds)
            return replies
        } catch {
            breaker.record(error)
            metrics?.record(label: label, commandNames: commandNames, replies: nil, error: error, seconds: (ContinuousClock.now - start).redisSeconds)
            throw error
        }
    }

    /// Sends a call to the right node for the deployment.
    private func route(_ commands: [RedisCommand], shape: RedisCallShape) async throws(RedisError) -> [RedisReply] {
        if let cluster { return try await cluster.run(commands, shape: shape) }
        if let sentinel { return try await sentinel.run(commands, shape: shape) }
        guard case .standalone(let endpoint) = configuration.topology else { throw RedisError.shutDown }
        return try await connector.run(commands, shape: shape, on: endpoint).mapError(\.error).get()
    }

    static func transactionResult(_ replies: [RedisReply]) throws(RedisError) -> [RedisReply] {
        guard let exec = replies.last else { throw RedisError.protocolViolation("a transaction returned no replies") }
        switch exec {
        case .array(let results): return results
        case .null: return []
        case .error(let error):
            // EXECABORT: name the queue-time error that caused it.
            if let queued = replies.dropLast().compactMap(\.serverError).first { throw RedisError.server(queued) }
            throw RedisError.server(error)
        default:
            throw RedisError.protocolViolation("EXEC answered \(exec) instead of an array")
        }
    }
}
