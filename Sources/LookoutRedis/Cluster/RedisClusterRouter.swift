import Synchronization

/// Routes calls in a Redis Cluster: keeps the slot map (`CLUSTER SLOTS`, reloaded by one
/// caller at a time), sends each command to its slot's primary, splits pipelines per node
/// and reassembles them in order, and follows `MOVED` (patching the map, then reloading
/// it), `ASK` (`ASKING` on the target, map untouched), `TRYAGAIN` and `CLUSTERDOWN` (short
/// backoff), up to ``RedisConfiguration/maxRedirects`` rounds.
///
/// Thread-safe.
final class RedisClusterRouter: Sendable {
    private struct State {
        var map: RedisSlotMap?
        var refreshing = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        var lastError: RedisError?
    }

    /// Where one pending command goes next.
    private enum Target: Hashable {
        /// Its slot's primary (any primary for keyless commands).
        case slot(Int?)
        /// A node that answered `ASK`: send `ASKING` first.
        case ask(RedisEndpoint)
    }

    private let seeds: [RedisEndpoint]
    private let connector: RedisConnector
    private let state = Mutex(State())

    init(seeds: [RedisEndpoint], connector: RedisConnector) {
        self.seeds = seeds
        self.connector = connector
    }

    private var maxRounds: Int { max(1, connector.configuration.maxRedirects + 1) }

    // MARK: Calls

    /// Runs a call (see ``RedisConnector/run(_:shape:on:asking:)`` for what each shape returns).
    func run(_ commands: [RedisCommand], shape: RedisCallShape) async throws(RedisError) -> [RedisReply] {
        switch shape {
        case .commands where commands.count > 1:
            return try await pipeline(commands)
        case .commands, .script:
            let slot = try Self.slot(of: commands[0].keys)
            return try await single(slot: slot, commands, shape: shape)
        case .transaction:
            let slot = try Self.slot(of: commands.flatMap(\.keys))
            return try await single(slot: slot, commands, shape: shape)
        }
    }

    /// The one slot all `keys` hash to (`nil` without keys).
    /// - Throws: ``RedisError/crossSlot(keys:)`` when they span several.
    static func slot(of keys: [[UInt8]]) throws(RedisError) -> Int? {
        guard let first = keys.first else { return nil }
        let slot = RedisHashSlot.slot(of: first)
        if keys.dropFirst().contains(where: { RedisHashSlot.slot(of: $0) != slot }) {
            throw RedisError.crossSlot(keys: keys.map { String(decoding: $0, as: UTF8.self) })
        }
        return slot
    }

    /// A call that goes to one node as a whole: one command, a transaction or a script.
    private func single(slot: Int?, _ commands: [RedisCommand], shape: RedisCallShape) async throws(RedisError) -> [RedisReply] {
        var target = Target.slot(slot)
        var lastFailure: RedisError?
        for round in 0..<maxRounds {
            let endpoint = try await endpoint(for: target)
            let asking: Bool = if case .ask = target { true } else { false }
            switch await connector.run(commands, shape: shape, on: endpoint, asking: asking) {
            case .failure(let failure):
                guard !failure.sent else { throw failure.error }
                // Never written (the node is down or unreachable): reload the map and retry.
                lastFailure = failure.error
                await backoff(round: round)
                await refresh()
                target = .slot(slot)
            case .success(let replies):
                guard let redirect = Self.redirect(in: replies, shape: shape, askedHost: endpoint.host) else { return replies }
                connector.metrics?.catalog.redirects.labels(redirect.kind).inc()
                lastFailure = .server(Self.redirectError(in: replies) ?? RedisServerError(prefix: "CLUSTERDOWN", message: "redirected too often"))
                target = await follow(redirect, round: round, slot: slot, transaction: { if case .transaction = shape { true } else { false } }())
            }
        }
        throw lastFailure ?? RedisError.connection(endpoint: "cluster", reason: "no node answered")
    }

    /// A pipeline: split per node, sent concurrently, reassembled in call order; commands
    /// redirected are sent again, alone, in the next round.
    private func pipeline(_ commands: [RedisCommand]) async throws(RedisError) -> [RedisReply] {
        var results = [RedisReply?](repeating: nil, count: commands.count)
        var pending: [Int: Target] = [:]
        var slots = [Int?](repeating: nil, count: commands.count)
        for (index, command) in commands.enumerated() {
            do throws(RedisError) {
                slots[index] = try Self.slot(of: command.keys)
                pending[index] = .slot(slots[index])
            } catch {
                results[index] = .error(RedisServerError(prefix: "CROSSSLOT", message: "Keys in request don't hash to the same slot (\(error.description))"))
            }
        }
        var lastFailure: RedisError?
        for round in 0..<maxRounds where !pending.isEmpty {
            var groups: [RedisEndpoint: [(index: Int, asking: Bool)]] = [:]
            for (index, target) in pending.sorted(by: { $0.key < $1.key }) {
                let endpoint = try await endpoint(for: target)
                let asking: Bool = if case .ask = target { true } else { false }
                groups[endpoint, default: []].append((index, asking))
            }
            let outcomes = await withTaskGroup(of: (RedisEndpoint, [(index: Int, asking: Bool)], Result<[RedisReply], RedisFailure>).self) { group in
                for (endpoint, items) in groups {
                    var arguments: [[[UInt8]]] = []
                    for item in items {
                        if item.asking { arguments.append(RedisCallShape.asking) }
                        arguments.append(commands[item.index].arguments)
                    }
                    group.addTask { [connector] in (endpoint, items, await connector.submit(arguments, to: endpoint)) }
                }
                var outcomes: [(RedisEndpoint, [(index: Int, asking: Bool)], Result<[RedisReply], RedisFailure>)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            var needsRefresh = false
            var needsBackoff = false
            for (endpoint, items, outcome) in outcomes {
                switch outcome {
                case .failure(let failure):
                    guard !failure.sent else { throw failure.error }
                    lastFailure = failure.error
                    needsRefresh = true
                    needsBackoff = true
                case .success(let replies):
                    var position = 0
                    for item in items {
                        if item.asking { position += 1 }
                        let reply = replies[position]
                        position += 1
                        guard case .error(let error) = reply, let redirect = RedisRedirect(error, askedHost: endpoint.host) else {
                            results[item.index] = reply
                            pending[item.index] = nil
                            continue
                        }
                        connector.metrics?.catalog.redirects.labels(redirect.kind).inc()
                        results[item.index] = reply
                        switch redirect {
                        case .moved(let slot, let to):
                            patch(slot: slot, to: to)
                            pending[item.index] = .slot(slots[item.index])
                            needsRefresh = true
                        case .ask(_, let to):
                            pending[item.index] = .ask(to)
                        case .tryAgain:
                            needsBackoff = true
                        case .clusterDown:
                            needsBackoff = true
                            needsRefresh = true
                        }
                    }
                }
            }
            if pending.isEmpty { break }
            if needsBackoff { await backoff(round: round) }
            if needsRefresh { await refresh() }
        }
        if let lastFailure, pending.contains(where: { results[$0.key] == nil }) { throw lastFailure }
        return results.map { $0 ?? .null }
    }

    // MARK: Redirects

    /// The redirect a call's replies ask for: the reply itself for one command or a script,
    /// a queued command's for a transaction (EXEC then says EXECABORT).
    private static func redirect(in replies: [RedisReply], shape: RedisCallShape, askedHost: String) -> RedisRedirect? {
        guard let error = redirectError(in: replies) else { return nil }
        return RedisRedirect(error, askedHost: askedHost)
    }

    private static func redirectError(in replies: [RedisReply]) -> RedisServerError? {
        for reply in replies {
            if let error = reply.serverError, ["MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN"].contains(error.prefix) { return error }
        }
        return nil
    }

    /// Applies a redirect and returns where to send next.
    private func follow(_ redirect: RedisRedirect, round: Int, slot: Int?, transaction: Bool) async -> Target {
        switch redirect {
        case .moved(let movedSlot, let to):
            patch(slot: movedSlot, to: to)
            Task { await self.refresh() }
            return .slot(slot)
        case .ask(_, let to) where !transaction:
            return .ask(to)
        case .ask:
            // ASKING covers one command, not a whole MULTI block: wait for the migration to end.
            await backoff(round: round)
            return .slot(slot)
        case .tryAgain:
            await backoff(round: round)
            return .slot(slot)
        case .clusterDown:
            await backoff(round: round)
            await refresh()
            return .slot(slot)
        }
    }

    /// 25 ms, 50 ms, 100 ms… capped at 400 ms, with jitter.
    private func backoff(round: Int) async {
        let bound = min(400, 25 << min(round, 4))
        try? await Task.sleep(for: .milliseconds(Int.random(in: bound / 2...bound)))
    }

    // MARK: Slot map

    private func endpoint(for target: Target) async throws(RedisError) -> RedisEndpoint {
        switch target {
        case .ask(let endpoint): return endpoint
        case .slot(let slot):
            var map = try await currentMap()
            if let slot, map.primary(for: slot) == nil {
                await refresh()
                map = try await currentMap()
            }
            if let slot {
                guard let endpoint = map.primary(for: slot) else {
                    throw RedisError.server(RedisServerError(prefix: "CLUSTERDOWN", message: "Hash slot \(slot) not served by any node"))
                }
                return endpoint
            }
            return map.primaries[Int.random(in: 0..<map.primaries.count)]
        }
    }

    private func currentMap() async throws(RedisError) -> RedisSlotMap {
        if let map = state.withLock({ $0.map }) { return map }
        await refresh()
        let (map, error) = state.withLock { ($0.map, $0.lastError) }
        guard let map else { throw error ?? RedisError.connection(endpoint: seeds.map(\.description).joined(separator: ","), reason: "no cluster node answered CLUSTER SLOTS") }
        return map
    }

    private func patch(slot: Int, to endpoint: RedisEndpoint) {
        state.withLock { state in state.map = state.map?.moving(slot: slot, to: endpoint) }
    }

    /// Reloads the slot map from the known primaries, then the seeds; concurrent callers
    /// wait for the one reload in progress instead of starting their own.
    func refresh() async {
        let leads = state.withLock { state -> Bool in
            if state.refreshing { return false }
            state.refreshing = true
            return true
        }
        guard leads else {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = state.withLock { state -> Bool in
                    guard state.refreshing else { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if done { continuation.resume() }
            }
            return
        }
        var candidates = state.withLock { $0.map?.primaries ?? [] }
        for seed in seeds where !candidates.contains(seed) { candidates.append(seed) }
        var loaded: RedisSlotMap?
        var lastError: RedisError?
        for endpoint in candidates {
            switch await connector.submit([[Array("CLUSTER".utf8), Array("SLOTS".utf8)]], to: endpoint) {
            case .success(let replies):
                do throws(RedisError) {
                    if case .error(let error) = replies[0] { throw RedisError.server(error) }
                    loaded = try RedisSlotMap(clusterSlots: replies[0], askedHost: endpoint.host)
                } catch {
                    lastError = error
                }
            case .failure(let failure):
                lastError = failure.error
            }
            if loaded != nil { break }
        }
        connector.metrics?.catalog.slotMapRefreshes.labels(loaded == nil ? "failed" : "ok").inc()
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if let loaded { state.map = loaded }
            state.lastError = loaded == nil ? lastError : nil
            state.refreshing = false
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
