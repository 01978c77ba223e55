import Foundation

/// A real Redis Cluster for tests: six `redis-server` nodes on free loopback ports (three
/// primaries, three replicas) joined with `redis-cli --cluster create … --cluster-replicas 1`,
/// with a short `cluster-node-timeout` so failovers take about two seconds.
///
/// ```swift
/// let cluster = try await RedisClusterProcess.start()
/// let client = RedisClient(configuration: try RedisConfiguration(url: cluster.url))
/// ```
public final class RedisClusterProcess: Sendable {
    /// Every node, in creation order (the first three start as primaries).
    public let nodes: [RedisServerProcess]

    /// `redis+cluster://127.0.0.1:P1,…` naming every node.
    public var url: String { "redis+cluster://" + nodes.map { "127.0.0.1:\($0.port)" }.joined(separator: ",") }

    private init(nodes: [RedisServerProcess]) { self.nodes = nodes }

    /// Starts the six nodes, creates the cluster and waits until every node reports `cluster_state:ok`.
    public static func start(nodeTimeout: Duration = .milliseconds(1000)) async throws -> RedisClusterProcess {
        var nodes: [RedisServerProcess] = []
        for _ in 0..<6 {
            nodes.append(try await RedisServerProcess.start([
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", String(nodeTimeout.components.seconds * 1000 + nodeTimeout.components.attoseconds / 1_000_000_000_000_000),
            ], port: try RedisTool.freeClusterPort()))
        }
        let cluster = RedisClusterProcess(nodes: nodes)
        try RedisTool.cli(["--cluster", "create"] + nodes.map { "127.0.0.1:\($0.port)" } + ["--cluster-replicas", "1", "--cluster-yes"], timeout: .seconds(30))
        try await cluster.waitUntilHealthy()
        return cluster
    }

    /// Waits (at most `limit`) until every running node says `cluster_state:ok` and agrees on
    /// the slot owners.
    public func waitUntilHealthy(within limit: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let states = nodes.compactMap { try? $0.cli("CLUSTER", "INFO") }
            if states.count == nodes.count || states.count >= 3,
               states.allSatisfy({ $0.contains("cluster_state:ok") }),
               Set(nodes.compactMap { try? $0.cli("CLUSTER", "SLOTS") }).count == 1 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RedisTestError("the cluster did not become healthy within \(limit)")
    }

    /// The node whose `CLUSTER NODES` line says `myself,master` and owns `slot`.
    public func primary(forSlot slot: Int) throws -> RedisServerProcess {
        for node in nodes {
            guard let reply = try? node.cli("CLUSTER", "NODES") else { continue }
            for line in reply.split(separator: "\n") where line.contains("myself") && line.contains("master") {
                let fields = line.split(separator: " ")
                for range in fields.dropFirst(8) {
                    let bounds = range.split(separator: "-").compactMap { Int($0) }
                    if bounds.count == 2, (bounds[0]...bounds[1]).contains(slot) { return node }
                    if bounds.count == 1, bounds[0] == slot { return node }
                }
            }
        }
        throw RedisTestError("no primary owns slot \(slot)")
    }

    /// The node's cluster id.
    public func id(of node: RedisServerProcess) throws -> String { try node.cli("CLUSTER", "MYID") }

    /// A replica of `primary`.
    public func replica(of primary: RedisServerProcess) throws -> RedisServerProcess {
        let primaryID = try id(of: primary)
        for node in nodes where node !== primary {
            guard let reply = try? node.cli("CLUSTER", "NODES") else { continue }
            if reply.split(separator: "\n").contains(where: { $0.contains("myself") && $0.contains("slave") && $0.contains(primaryID) }) {
                return node
            }
        }
        throw RedisTestError("no replica of node \(primary.port)")
    }

    /// Starts migrating `slot` from its primary to `target` and moves the given keys
    /// (the source then answers `ASK` for them); finish with ``finishMigration(slot:to:)``.
    public func beginMigration(slot: Int, to target: RedisServerProcess, keys: [String]) throws {
        let source = try primary(forSlot: slot)
        try target.cli("CLUSTER", "SETSLOT", String(slot), "IMPORTING", try id(of: source))
        try source.cli("CLUSTER", "SETSLOT", String(slot), "MIGRATING", try id(of: target))
        if !keys.isEmpty {
            try RedisTool.cli(source.cliPrefix + ["MIGRATE", "127.0.0.1", String(target.port), "", "0", "5000", "KEYS"] + keys)
        }
    }

    /// Moves the rest of `slot`'s keys and assigns it to `target` everywhere (the old owner
    /// then answers `MOVED`).
    public func finishMigration(slot: Int, to target: RedisServerProcess) throws {
        let source = try primary(forSlot: slot)
        let remaining = try source.cli("CLUSTER", "GETKEYSINSLOT", String(slot), "1000").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        if !remaining.isEmpty {
            try RedisTool.cli(source.cliPrefix + ["MIGRATE", "127.0.0.1", String(target.port), "", "0", "5000", "KEYS"] + remaining)
        }
        let targetID = try id(of: target)
        try target.cli("CLUSTER", "SETSLOT", String(slot), "NODE", targetID)
        try source.cli("CLUSTER", "SETSLOT", String(slot), "NODE", targetID)
        for node in nodes where node !== source && node !== target { _ = try? node.cli("CLUSTER", "SETSLOT", String(slot), "NODE", targetID) }
    }

    /// Stops every node.
    public func stop() async throws {
        for node in nodes { try await node.kill() }
    }

    /// Runs `body`, then `shutDown` (the client's) and ``stop()``, whether `body` threw or
    /// not; `body`'s error is rethrown.
    public func run(thenShutDown shutDown: () async -> Void, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            await shutDown()
            try await stop()
            throw error
        }
        await shutDown()
        try await stop()
    }
}
