import Synchronization

/// Finds the primary of a Sentinel-managed deployment and finds it again after a failover.
///
/// Discovery follows the Sentinel client protocol: ask each sentinel in turn
/// `SENTINEL get-master-addr-by-name` (the first that answers moves to the front), then
/// check with `ROLE` that the address really is a primary; if not, pause briefly and start
/// over, until ``RedisConfiguration/connectTimeout`` has passed.
///
/// After a failover the client moves to the new primary as soon as a sentinel publishes
/// `+switch-master` (a ``RedisSentinelWatcher``, started with the first call, keeps one
/// subscription open). As a fallback the address is also forgotten, and found again on the
/// next call, when a call could not reach it or got `READONLY` (the old primary, demoted to a
/// replica). Single-command calls, transactions and scripts that were certainly not executed
/// (never written, or refused with `READONLY`) are retried once on the new primary. Every
/// change of primary counts in `redis_sentinel_failovers_total`.
///
/// Thread-safe.
final class RedisSentinelResolver: Sendable {
    private struct State {
        var sentinels: [RedisEndpoint]
        var primary: RedisEndpoint?
        var lastPrimary: RedisEndpoint?
        var resolving = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var lastError: RedisError?
        /// Bumped by every `+switch-master`: a discovery that started before it is stale.
        var epoch = 0
        var watching = false
    }

    let masterName: String
    private let connector: RedisConnector
    private let state: Mutex<State>

    init(sentinels: [RedisEndpoint], masterName: String, connector: RedisConnector) {
        self.masterName = masterName
        self.connector = connector
        state = Mutex(State(sentinels: sentinels))
    }

    /// Runs a call on the primary, rediscovering it when needed.
    func run(_ commands: [RedisCommand], shape: RedisCallShape) async throws(RedisError) -> [RedisReply] {
        var attempt = 0
        while true {
            attempt += 1
            let endpoint = try await primary()
            switch await connector.run(commands, shape: shape, on: endpoint) {
            case .failure(let failure):
                forget(endpoint)
                guard !failure.sent, attempt < 2 else { throw failure.error }
            case .success(let replies):
                guard replies.contains(where: { $0.serverError?.prefix == "READONLY" }) else { return replies }
                // The "primary" was demoted: its address is stale.
                forget(endpoint)
                connector.closeConnections(to: endpoint, .connection(endpoint: endpoint.description, reason: "no longer the primary of '\(masterName)'"))
                let retryable: Bool = if case .commands = shape { commands.count == 1 } else { true }
                guard retryable, attempt < 2 else { return replies }
            }
        }
    }

    /// The current primary, discovering it first if it is not known.
    func primary() async throws(RedisError) -> RedisEndpoint {
        if let primary = state.withLock({ $0.primary }) { return primary }
        startWatching()
        await resolve()
        let (primary, error) = state.withLock { ($0.primary, $0.lastError) }
        guard let primary else { throw error ?? RedisError.connection(endpoint: "sentinel", reason: "no primary found for '\(masterName)'") }
        return primary
    }

    /// Subscribes to `+switch-master` (once per client).
    private func startWatching() {
        let (start, sentinels) = state.withLock { state -> (Bool, [RedisEndpoint]) in
            defer { state.watching = true }
            return (!state.watching, state.sentinels)
        }
        guard start else { return }
        connector.watchSentinels(sentinels, masterName: masterName) { [weak self] notice in
            guard let self else { return }
            switch notice {
            case .switched(let endpoint): switchPrimary(to: endpoint)
            case .verify: Task { await self.verify() }
            }
        }
    }

    /// Makes `endpoint` the primary at once (announced by a sentinel, or found by a check);
    /// counts a failover when it replaces another address.
    func switchPrimary(to endpoint: RedisEndpoint) {
        let changed = state.withLock { state -> Bool in
            state.epoch += 1
            let changed = state.lastPrimary != nil && state.lastPrimary != endpoint
            if state.lastPrimary == nil || changed {
                state.primary = endpoint
                state.lastPrimary = endpoint
                state.lastError = nil
            }
            return changed
        }
        if changed { connector.metrics?.catalog.sentinelFailovers.inc() }
    }

    /// After a (re)subscription: asks the sentinels again and switches if the primary moved
    /// while no subscription was listening. Does nothing before the first discovery.
    private func verify() async {
        guard state.withLock({ $0.primary != nil && !$0.resolving }) else { return }
        if case .success(let endpoint) = await discoverOnce() { switchPrimary(to: endpoint) }
    }

    private func forget(_ endpoint: RedisEndpoint) {
        state.withLock { state in
            if state.primary == endpoint { state.primary = nil }
        }
    }

    /// One discovery at a time; concurrent callers wait for it.
    private func resolve() async {
        let leads = state.withLock { state -> Bool in
            if state.resolving || state.primary != nil { return false }
            state.resolving = true
            return true
        }
        guard leads else {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = state.withLock { state -> Bool in
                    guard state.resolving else { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if done { continuation.resume() }
            }
            return
        }
        let epoch = state.withLock { $0.epoch }
        let deadline = ContinuousClock.now + connector.configuration.connectTimeout
        var outcome: Result<RedisEndpoint, RedisError>
        repeat {
            outcome = await discoverOnce()
            if case .success = outcome { break }
            try? await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline
        let (waiters, changed) = state.withLock { state -> ([CheckedContinuation<Void, Never>], Bool) in
            var changed = false
            switch outcome {
            case .success where state.epoch != epoch && state.primary != nil:
                // A sentinel announced a switch meanwhile; this answer may predate it.
                break
            case .success(let endpoint):
                changed = state.lastPrimary != nil && state.lastPrimary != endpoint
                state.primary = endpoint
                state.lastPrimary = endpoint
                state.lastError = nil
            case .failure(let error):
                state.lastError = error
            }
            state.resolving = false
            defer { state.waiters = [] }
            return (state.waiters, changed)
        }
        if changed { connector.metrics?.catalog.sentinelFailovers.inc() }
        for waiter in waiters { waiter.resume() }
    }

    /// Asks the sentinels once, then checks the answer with `ROLE`.
    private func discoverOnce() async -> Result<RedisEndpoint, RedisError> {
        let sentinels = state.withLock { $0.sentinels }
        var unreachable: [String] = []
        var unknown = 0
        for sentinel in sentinels {
            let reply: RedisReply
            switch await connector.submit([["SENTINEL", "get-master-addr-by-name", masterName].map { Array($0.utf8) }], to: sentinel, role: .sentinel) {
            case .failure(let failure):
                unreachable.append("\(sentinel): \(failure.error)")
                continue
            case .success(let replies):
                reply = replies[0]
            }
            // The first sentinel that answers goes to the front for next time.
            state.withLock { state in
                if let index = state.sentinels.firstIndex(of: sentinel), index > 0 {
                    state.sentinels.remove(at: index)
                    state.sentinels.insert(sentinel, at: 0)
                }
            }
            guard case .array(let address) = reply, address.count == 2, let host = address[0].string,
                  let port = address[1].int, (1...65535).contains(port) else {
                unknown += 1
                continue
            }
            let endpoint = RedisEndpoint(host: host, port: Int(port))
            switch await connector.submit([[Array("ROLE".utf8)]], to: endpoint) {
            case .success(let replies):
                if case .array(let role) = replies[0], role.first?.string == "master" { return .success(endpoint) }
                return .failure(.connection(endpoint: endpoint.description, reason: "sentinel \(sentinel) named it primary of '\(masterName)' but its ROLE is \(replies[0].array?.first?.string ?? "\(replies[0])")"))
            case .failure(let failure):
                return .failure(failure.error)
            }
        }
        if unknown > 0 {
            return .failure(.connection(endpoint: sentinels.map(\.description).joined(separator: ","), reason: "no sentinel knows a master named '\(masterName)'"))
        }
        return .failure(.connection(endpoint: sentinels.map(\.description).joined(separator: ","), reason: "no sentinel reachable (\(unreachable.joined(separator: "; ")))"))
    }
}
