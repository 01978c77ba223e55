import Synchronization

/// The event loop and the node pools of one client: sends a request to a node and waits
/// for its replies without blocking a thread.
///
/// Thread-safe.
final class RedisConnector: Sendable {
    /// Whom a pool talks to: data nodes get `AUTH`/`SELECT`, sentinels nothing.
    enum Role: Hashable, Sendable {
        case data
        case sentinel
    }

    private struct PoolKey: Hashable {
        let endpoint: RedisEndpoint
        let role: Role
    }

    let configuration: RedisConfiguration
    let metrics: RedisClientMetrics?
    private let loop: RedisEventLoop?
    private let startError: RedisError?
    private let pools = Mutex<[PoolKey: RedisNodePool]>([:])
    private let isShutDown = Atomic<Bool>(false)

    init(configuration: RedisConfiguration, metrics: RedisClientMetrics?) {
        self.configuration = configuration
        self.metrics = metrics
        let shortest = min(configuration.connectTimeout, configuration.commandTimeout, configuration.poolWaitTimeout)
        do throws(RedisError) {
            loop = try RedisEventLoop(maxSleep: shortest, spinBudget: configuration.replySpin)
            startError = nil
        } catch {
            loop = nil
            startError = error
        }
    }

    deinit { loop?.stop() }

    var shutDown: Bool { isShutDown.load(ordering: .relaxed) }

    /// Writes `commands` as one request to `endpoint` and waits for all their replies.
    func submit(_ commands: [[[UInt8]]], to endpoint: RedisEndpoint, role: Role = .data) async -> Result<[RedisReply], RedisFailure> {
        guard let loop else { return .failure(RedisFailure(error: startError ?? .shutDown, sent: false)) }
        guard !isShutDown.load(ordering: .relaxed) else { return .failure(RedisFailure(error: .shutDown, sent: false)) }
        let pool = pool(for: endpoint, role: role, loop: loop)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Result<[RedisReply], RedisFailure>, Never>) in
            do throws(RedisError) {
                let request = try RedisRequest(commands: commands) { continuation.resume(returning: $0) }
                pool.submit(request)
            } catch {
                continuation.resume(returning: .failure(RedisFailure(error: error, sent: false)))
            }
        }
    }

    /// Starts a ``RedisSentinelWatcher`` of `masterName` on the client's loop (no-op after
    /// shutdown or when the loop could not start). `notify` runs on the loop thread.
    func watchSentinels(_ sentinels: [RedisEndpoint], masterName: String,
                        notify: @escaping @Sendable (RedisSentinelWatcher.Notice) -> Void) {
        guard let loop, !sentinels.isEmpty, !isShutDown.load(ordering: .relaxed) else { return }
        loop.register(RedisSentinelWatcher(sentinels: sentinels, masterName: masterName, configuration: configuration, loop: loop, notify: notify))
    }

    /// Closes the open connections to `endpoint` (in-flight requests fail with `error`).
    func closeConnections(to endpoint: RedisEndpoint, _ error: RedisError) {
        guard let loop, let pool = pools.withLock({ $0[PoolKey(endpoint: endpoint, role: .data)] }) else { return }
        loop.execute { pool.closeConnections(error) }
    }

    /// Closes every connection and fails waiting calls; the loop thread then exits.
    func shutdown() async {
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

    private func pool(for endpoint: RedisEndpoint, role: Role, loop: RedisEventLoop) -> RedisNodePool {
        let key = PoolKey(endpoint: endpoint, role: role)
        let (pool, created) = pools.withLock { pools -> (RedisNodePool, Bool) in
            if let pool = pools[key] { return (pool, false) }
            let pool = RedisNodePool(
                endpoint: endpoint, size: role == .data ? configuration.poolSize : 1, configuration: configuration,
                handshake: role == .data ? dataHandshake() : RedisConnection.Handshake(commands: []) { _ in nil },
                loop: loop, metrics: role == .data ? metrics : nil)
            pools[key] = pool
            return (pool, true)
        }
        if created { loop.register(pool) }
        return pool
    }

    /// `AUTH [user] password` and `SELECT db` as configured; any error reply fails the connection.
    private func dataHandshake() -> RedisConnection.Handshake {
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
}
