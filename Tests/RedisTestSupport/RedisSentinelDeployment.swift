import Foundation

/// A real Sentinel deployment for tests: a primary, one replica and three sentinels
/// (`redis-server --sentinel`) monitoring them as `mymaster`, with a 1 s down-after period.
///
/// ```swift
/// let deployment = try await RedisSentinelDeployment.start()
/// let client = RedisClient(configuration: try RedisConfiguration(url: deployment.url))
/// try await deployment.failover()
/// ```
public final class RedisSentinelDeployment: Sendable {
    /// The name the primary is monitored under.
    public let masterName = "mymaster"
    /// The servers: the first starts as primary, the second as its replica.
    public let servers: [RedisServerProcess]
    /// The three sentinels.
    public let sentinels: [RedisServerProcess]

    /// `redis+sentinel://127.0.0.1:S1,127.0.0.1:S2,127.0.0.1:S3/mymaster`.
    public var url: String { "redis+sentinel://" + sentinels.map { "127.0.0.1:\($0.port)" }.joined(separator: ",") + "/\(masterName)" }

    private init(servers: [RedisServerProcess], sentinels: [RedisServerProcess]) {
        self.servers = servers
        self.sentinels = sentinels
    }

    /// Starts the servers and sentinels and waits until every sentinel knows the replica and
    /// the other two sentinels (so a failover can be agreed).
    public static func start() async throws -> RedisSentinelDeployment {
        let primary = try await RedisServerProcess.start()
        let replica = try await RedisServerProcess.start(["--replicaof", "127.0.0.1", String(primary.port)])
        var sentinels: [RedisServerProcess] = []
        for _ in 0..<3 {
            sentinels.append(try await RedisServerProcess.startSentinel { port in
                """
                port \(port)
                sentinel monitor mymaster 127.0.0.1 \(primary.port) 2
                sentinel down-after-milliseconds mymaster 1000
                sentinel failover-timeout mymaster 4000
                sentinel parallel-syncs mymaster 1

                """
            })
        }
        let deployment = RedisSentinelDeployment(servers: [primary, replica], sentinels: sentinels)
        try await deployment.waitUntilReady()
        return deployment
    }

    private func waitUntilReady(within limit: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let ready = sentinels.allSatisfy { sentinel in
                let replicas = (try? sentinel.cli("SENTINEL", "replicas", masterName)) ?? ""
                let peers = (try? sentinel.cli("SENTINEL", "sentinels", masterName)) ?? ""
                return replicas.contains("slave") && peers.split(separator: "\n").filter { $0 == "name" }.count >= 2
            }
            let linked = ((try? servers[1].cli("INFO", "replication")) ?? "").contains("master_link_status:up")
            if ready && linked { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RedisTestError("the Sentinel deployment did not become ready within \(limit)")
    }

    /// The port the sentinels currently name as primary.
    public func primaryPort() throws -> Int {
        let reply = try sentinels[0].cli("SENTINEL", "get-master-addr-by-name", masterName)
        guard let port = reply.split(separator: "\n").last.flatMap({ Int($0) }) else { throw RedisTestError("unexpected reply \(reply)") }
        return port
    }

    /// `SENTINEL failover mymaster`, then waits until the sentinels name the other server.
    public func failover(within limit: Duration = .seconds(20)) async throws {
        let before = try primaryPort()
        try sentinels[0].cli("SENTINEL", "failover", masterName)
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let now = try? primaryPort(), now != before,
               ((try? servers.first { $0.port == now }?.cli("ROLE")) ?? nil)?.hasPrefix("master") == true {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RedisTestError("the failover did not finish within \(limit)")
    }

    /// Stops every process.
    public func stop() async throws {
        for process in sentinels + servers { try await process.kill() }
    }
}
