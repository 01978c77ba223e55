import Lookout
import LookoutRedis
import LookoutTesting
import RedisTestSupport
import Testing

/// One real 3+3 cluster for the whole scenario (starting one takes a few seconds): routing,
/// pipelines, CROSSSLOT, transactions, scripts, a slot migrated under load, then failovers.
@Suite("RedisClient against a Redis Cluster", .serialized)
struct RedisClusterTests {
    @Test("routing, pipelines, CROSSSLOT, scripts, slot migration under load, failover")
    func cluster() async throws {
        let cluster = try await RedisClusterProcess.start()
        let registry = Registry()
        var configuration = try RedisConfiguration(url: cluster.url)
        configuration.commandTimeout = .seconds(2)
        configuration.poolSize = 2
        let client = RedisClient(configuration: configuration, registry: registry)
        try await cluster.run(thenShutDown: { await client.shutdown() }) {
            try await routing(client)
            try await scripts(client, cluster: cluster)
            try await migration(client, cluster: cluster, registry: registry)
            try await failover(client, cluster: cluster, registry: registry)
        }
    }

    private func routing(_ client: RedisClient) async throws {
        // Keys spread over all three primaries.
        for index in 0..<60 { #expect(try await client.send(.set("key\(index)", "v\(index)")) == .status("OK")) }
        for index in 0..<60 { #expect(try await client.send(.get("key\(index)")).string == "v\(index)") }
        // A pipeline split per node comes back in call order.
        let replies = try await client.pipeline((0..<60).map { .get("key\($0)") } + [RedisCommand("MGET", "foo", "bar")])
        #expect(replies.dropLast().map(\.string) == (0..<60).map { "v\($0)" })
        #expect(replies.last?.serverError?.prefix == "CROSSSLOT")
        // A multi-key command over two slots is a typed error naming the keys; a hash tag fixes it.
        await #expect(throws: RedisError.crossSlot(keys: ["foo", "bar"])) { _ = try await client.send(RedisCommand("MGET", "foo", "bar")) }
        _ = try await client.send(RedisCommand("MSET", "{user1}.a", "1", "{user1}.b", "2"))
        #expect(try await client.send(RedisCommand("MGET", "{user1}.a", "{user1}.b")) == .array([.bulk(Array("1".utf8)), .bulk(Array("2".utf8))]))
        // Transactions must stay in one slot.
        #expect(try await client.transaction([.incrBy("{user1}.n", 1), .incrBy("{user1}.n", 1)]) == [.integer(1), .integer(2)])
        await #expect(throws: RedisError.crossSlot(keys: ["foo", "bar"])) { _ = try await client.transaction([.incrBy("foo", 1), .incrBy("bar", 1)]) }
        #expect(try await client.send(.ping) == .status("PONG"))
    }

    private func scripts(_ client: RedisClient, cluster: RedisClusterProcess) async throws {
        let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        // Routed by the first key: each shard loads the script the first time (NOSCRIPT path).
        for key in ["foo", "bar", "hello"] {
            #expect(try await client.evaluate(script, keys: [key + ":n"], arguments: [Array("3".utf8)]) == .integer(3))
            #expect(try cluster.primary(forSlot: RedisHashSlot.slot(of: key + ":n")).cli("SCRIPT", "EXISTS", script.sha1) == "1")
        }
        await #expect(throws: RedisError.crossSlot(keys: ["foo", "bar"])) { _ = try await client.evaluate(script, keys: ["foo", "bar"], arguments: [Array("1".utf8)]) }
        // FLUSHALL keeps scripts, SCRIPT FLUSH drops them: reloaded transparently.
        for node in cluster.nodes { _ = try? node.cli("SCRIPT", "FLUSH") }
        #expect(try await client.evaluate(script, keys: ["foo:n"], arguments: [Array("1".utf8)]) == .integer(4))
    }

    private func migration(_ client: RedisClient, cluster: RedisClusterProcess, registry: Registry) async throws {
        let slot = RedisHashSlot.slot(of: "mig")
        let keys = (0..<20).map { "{mig}\($0)" }
        for key in keys { _ = try await client.send(.set(key, "before")) }
        let source = try cluster.primary(forSlot: slot)
        let target = try #require(cluster.nodes.first { node in
            node !== source && ((try? node.cli("ROLE")) ?? "").hasPrefix("master")
        })
        // Callers keep reading and writing the migrating slot; none may see an error.
        let load = Task { () -> [String] in
            var failures: [String] = []
            let deadline = ContinuousClock.now + .seconds(3)
            var round = 0
            while ContinuousClock.now < deadline && round < 2000 {
                round += 1
                let key = keys[round % keys.count]
                do {
                    let value = try await client.send(.get(key)).string
                    if value != "before" && value != "after" { failures.append("\(key) read \(value ?? "nil")") }
                    _ = try await client.pipeline([.get(key), .get(keys[(round + 7) % keys.count])])
                } catch {
                    failures.append("\(key): \(error)")
                }
                try? await Task.sleep(for: .milliseconds(1))
            }
            return failures
        }
        try await Task.sleep(for: .milliseconds(200))
        try cluster.beginMigration(slot: slot, to: target, keys: Array(keys.prefix(10)))
        try await Task.sleep(for: .milliseconds(500))
        try cluster.finishMigration(slot: slot, to: target)
        try await Task.sleep(for: .milliseconds(300))
        for key in keys { _ = try await client.send(.set(key, "after")) }
        let failures = await load.value
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(try target.cli("GET", keys[0]) == "after")
        #expect((registry.sampleValue("redis_cluster_redirects_total", labels: ["kind": "ask"]) ?? 0) >= 1)
        #expect((registry.sampleValue("redis_cluster_redirects_total", labels: ["kind": "moved"]) ?? 0) >= 1)
        #expect((registry.sampleValue("redis_cluster_slot_map_refreshes_total", labels: ["outcome": "ok"]) ?? 0) >= 2)
    }

    private func failover(_ client: RedisClient, cluster: RedisClusterProcess, registry: Registry) async throws {
        // A manual failover: the replica takes over cleanly; callers follow MOVED.
        let slot = RedisHashSlot.slot(of: "fo")
        _ = try await client.send(.set("fo", "1"))
        let primary = try cluster.primary(forSlot: slot)
        let replica = try cluster.replica(of: primary)
        try replica.cli("CLUSTER", "FAILOVER")
        try await cluster.waitUntilHealthy()
        #expect(try await client.send(.incrBy("fo", 1)) == .integer(2))
        // The new primary is killed: its replica (the old primary) is promoted after the node
        // timeout. Calls fail meanwhile, then succeed again without any help from the caller.
        try await Task.sleep(for: .milliseconds(1500)) // let the old primary finish syncing as a replica
        try await replica.kill()
        let clock = ContinuousClock()
        let start = clock.now
        var recovered = false
        while !recovered && clock.now - start < .seconds(20) {
            recovered = (try? await client.send(.incrBy("fo", 1))) != nil
            if !recovered { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(recovered, "no answer within 20 s of the primary's death")
        #expect(try await client.send(.get("fo")).int ?? 0 >= 3)
        #expect(try await client.send(.get("key1")).string == "v1")
    }
}
