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
///
/// Thread-safety: all methods may be called concurrently from any task.
/// Blocking commands (`BLPOP`, `XREAD BLOCK`, `SUBSCRIBE`) are not supported: they would
/// hold a shared connection and exceed ``RedisConfiguration/commandTimeout``.
public final class RedisClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: RedisConfiguration
    private let loop: RedisEventLoop?
    private let startError: RedisError?
    private let pools = Mutex<[RedisEndpoint: RedisNodePool]>([:])
    private let isShutDown = Atomic<Bool>(false)

    /// Creates a client. It does not connect yet: the first call opens a connection, in the
    /// background, and never blocks the caller. `registry` receives the client's metrics.
    public init(configuration: RedisConfiguration, registry: Registry? = nil) {
        self.configuration = configuration
        let shortest = min(configuration.connectTimeout, configuration.commandTimeout, configuration.poolWaitTimeout)
        do {
            loop = try RedisEventLoop(maxSleep: shortest)
            startError = nil
        } catch {
            loop = nil
            startError = error
        }
    }

    deinit { loop?.stop() }

    // MARK: Commands

    /// Sends one command and returns its reply.
    /// - Throws: ``RedisError/server(_:)`` for an error reply, or the transport failure.
    public func send(_ command: RedisCommand) async throws(RedisError) -> RedisReply {
        let replies = try await execute([command.arguments], on: try primaryEndpoint())
        if case .error(let error) = replies[0] { throw RedisError.server(error) }
        return replies[0]
    }

    /// Sends many commands in one round trip; replies come back in order, a command's server
    /// error as an ``RedisReply/error(_:)`` element. Transport failures throw.
    public func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        return try await execute(commands.map(\.arguments), on: try primaryEndpoint())
    }

    /// Runs the commands in `MULTI` … `EXEC` and returns their replies (a command's runtime
    /// error as an ``RedisReply/error(_:)`` element).
    /// - Throws: ``RedisError/server(_:)`` when a command was rejected at queue time (the
    ///   transaction was discarded; the error names the first rejected command's error).
    public func transaction(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisReply] {
        guard !commands.isEmpty else { return [] }
        let wrapped = [[Array("MULTI".utf8)]] + commands.map(\.arguments) + [[Array("EXEC".utf8)]]
        let replies = try await execute(wrapped, on: try primaryEndpoint())
        return try Self.transactionResult(replies)
    }

    /// Runs `script` with `EVALSHA`; if the server does not have it (`NOSCRIPT`, after a
    /// restart, `SCRIPT FLUSH` or a failover) loads it with `SCRIPT LOAD` and runs it again,
    /// transparently.
    /// - Throws: ``RedisError/server(_:)`` for the script's own error.
    public func evaluate(_ script: RedisScript, keys: [String], arguments: [[UInt8]]) async throws(RedisError) -> RedisReply {
        let endpoint = try primaryEndpoint()
        let evalsha = Self.evalshaArguments(script, keys: keys, arguments: arguments)
        let first = try await execute([evalsha], on: endpoint)[0]
        guard case .error(let error) = first else { return first }
        guard error.prefix == "NOSCRIPT" else { throw RedisError.server(error) }
        let retried = try await execute([[Array("SCRIPT".utf8), Array("LOAD".utf8), Array(script.source.utf8)], evalsha], on: endpoint)
        if case .error(let loadError) = retried[0] { throw RedisError.server(loadError) }
        if case .error(let runError) = retried[1] { throw RedisError.server(runError) }
        return retried[1]
    }

    /// The circuit breaker's state; ``RedisBreakerState/open`` means calls fail at once.
    public var breakerState: RedisBreakerState { .closed }

    /// Closes every connection and fails waiting calls; later calls throw ``RedisError/shutDown``.
    public func shutdown() async {
        guard !isShutDown.exchange(true, ordering: .relaxed), let loop else { return }
        let pools = self.pools.withLock { Array($0.values) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute {
                for pool in pools { pool.close() }
                continuation.resume()
            }
        }
        loop.stop()
    }

    // MARK: Internals

    private func primaryEndpoint() throws(RedisError) -> RedisEndpoint {
        switch configuration.topology {
        case .standalone(let endpoint): return endpoint
        case .sentinel, .cluster:
            throw RedisError.invalidRequest("this build of LookoutRedis supports only redis:// (standalone) URLs")
        }
    }

    static func evalshaArguments(_ script: RedisScript, keys: [String], arguments: [[UInt8]]) -> [[UInt8]] {
        [Array("EVALSHA".utf8), Array(script.sha1.utf8), Array(String(keys.count).utf8)] + keys.map { Array($0.utf8) } + arguments
    }

    static func transactionResult(_ replies: [RedisReply]) throws(RedisError) -> [RedisReply] {
        guard let exec = replies.last else { throw RedisError.protocolViolation("a transaction returned no replies") }
        switch exec {
        case .array(let results): return results
        case .null: return []
        case .error(let error):
            // EXECABORT: name the queue-time error that caused it.
            if let queued = replies.dropFirst().dropLast().compactMap(\.serverError).first { throw RedisError.server(queued) }
            throw RedisError.server(error)
        default:
            throw RedisError.protocolViolation("EXEC answered \(exec) instead of an array")
        }
    }

    func pool(for endpoint: RedisEndpoint, loop: RedisEventLoop) -> RedisNodePool {
        let (pool, created) = pools.withLock { pools -> (RedisNodePool, Bool) in
            if let pool = pools[endpoint] { return (pool, false) }
            let pool = RedisNodePool(endpoint: endpoint, configuration: configuration, handshake: handshake(), loop: loop)
            pools[endpoint] = pool
            return (pool, true)
        }
        if created { loop.register(pool) }
        return pool
    }

    private func handshake() -> RedisConnection.Handshake {
        var commands: [[[UInt8]]] = []
        if let password = configuration.password {
            commands.append([Array("AUTH".utf8)] + (configuration.username.map { [Array($0.utf8)] } ?? []) + [Array(password.utf8)])
        }
        if configuration.database != 0 {
            commands.append([Array("SELECT".utf8), Array(String(configuration.database).utf8)])
        }
        return RedisConnection.Handshake(commands: commands) { replies in
            for reply in replies {
                if case .error(let error) = reply { return .server(error) }
            }
            return nil
        }
    }

    /// Writes `commands` as one request to `endpoint` and waits for all their replies.
    func execute(_ commands: [[[UInt8]]], on endpoint: RedisEndpoint) async throws(RedisError) -> [RedisReply] {
        guard let loop else { throw startError ?? .shutDown }
        guard !isShutDown.load(ordering: .relaxed) else { throw RedisError.shutDown }
        let pool = pool(for: endpoint, loop: loop)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<[RedisReply], RedisError>, Never>) in
            do throws(RedisError) {
                let request = try RedisRequest(commands: commands) { continuation.resume(returning: $0) }
                pool.submit(request)
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        return try result.get()
    }
}
