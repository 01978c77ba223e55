import Lookout
import LookoutRedis
import LookoutTesting
import RedisTestSupport
import Testing

@Suite("RedisClient through Sentinel", .serialized)
struct RedisSentinelTests {
    @Test("discovers the primary, survives SENTINEL failover, reloads scripts on the new primary")
    func failover() async throws {
        try await withDeployment(commandTimeout: .seconds(1), scenario)
    }

    /// Runs `body` with a client of a fresh Sentinel deployment, then shuts both down,
    /// whether `body` threw or not.
    private func withDeployment(
        commandTimeout: Duration,
        _ body: (RedisClient, RedisSentinelDeployment, Registry) async throws -> Void
    ) async throws {
        let deployment = try await RedisSentinelDeployment.start()
        let registry = Registry()
        var configuration = try RedisConfiguration(url: deployment.url)
        configuration.commandTimeout = commandTimeout
        let client = RedisClient(configuration: configuration, registry: registry)
        do {
            try await body(client, deployment, registry)
        } catch {
            await client.shutdown()
            try await deployment.stop()
            throw error
        }
        await client.shutdown()
        try await deployment.stop()
    }

    /// How soon after the sentinels name the new primary the client must have switched.
    static let switchBound: Duration = .seconds(1)

    @Test("follows +switch-master at once: no caller-visible error while SENTINEL failover runs")
    func switchMaster() async throws {
        try await withDeployment(commandTimeout: .seconds(2), switchScenario)
    }

    private func switchScenario(_ client: RedisClient, deployment: RedisSentinelDeployment, registry: Registry) async throws {
        let clock = ContinuousClock()
        #expect(try await client.send(.set("w", "0")) == .status("OK"))
        // The first call started the subscription; a sentinel lists it as a subscribed client.
        let subscribedBy = clock.now + .seconds(10)
        while clock.now < subscribedBy,
              !deployment.sentinels.contains(where: { ((try? $0.cli("CLIENT", "LIST")) ?? "").contains("sub=1") }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(deployment.sentinels.contains { ((try? $0.cli("CLIENT", "LIST")) ?? "").contains("sub=1") })
        _ = try deployment.servers[0].cli("WAIT", "1", "2000")
        // One caller writing in a loop through the whole failover, bounded in time.
        let writer = Task { () -> (writes: Int, errors: [String]) in
            var writes = 0
            var errors: [String] = []
            let end = clock.now + .seconds(40)
            while !Task.isCancelled && clock.now < end {
                do {
                    _ = try await client.send(.set("w", String(writes + 1)))
                    writes += 1
                } catch {
                    errors.append("\(error)")
                }
                try? await Task.sleep(for: .milliseconds(2))
            }
            return (writes, errors)
        }
        try await deployment.failover()
        let named = clock.now
        while (registry.sampleValue("redis_sentinel_failovers_total") ?? 0) < 1 && clock.now - named < .seconds(10) {
            try await Task.sleep(for: .milliseconds(5))
        }
        let switchedAfter = clock.now - named
        #expect((registry.sampleValue("redis_sentinel_failovers_total") ?? 0) == 1)
        #expect(switchedAfter <= Self.switchBound, "switched \(switchedAfter) after the sentinels named the new primary")
        // Keep writing while Sentinel demotes the old primary (it kills that server's clients).
        let demotedBy = clock.now + .seconds(20)
        while clock.now < demotedBy, ((try? deployment.servers[0].cli("ROLE")) ?? "").hasPrefix("master") {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))
        writer.cancel()
        let result = await writer.value
        #expect(result.errors.isEmpty, "caller-visible errors during the failover: \(result.errors)")
        #expect(result.writes > 10)
        // The writes went on on the new primary, and the switch was counted once.
        #expect(try deployment.servers[1].cli("GET", "w") == String(result.writes))
        #expect(registry.sampleValue("redis_sentinel_failovers_total") == 1)
    }

    private func scenario(_ client: RedisClient, deployment: RedisSentinelDeployment, registry: Registry) async throws {
        let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        #expect(try await client.send(.set("s", "1")) == .status("OK"))
        #expect(try await client.evaluate(script, keys: ["n"], arguments: [Array("5".utf8)]) == .integer(5))
        #expect(try deployment.servers[0].cli("GET", "s") == "1")
        // The +switch-master subscription comes back (with backoff, on the next sentinel)
        // after the sentinels drop it.
        let clock = ContinuousClock()
        func subscribed() -> Bool { deployment.sentinels.contains { ((try? $0.cli("CLIENT", "LIST")) ?? "").contains("sub=1") } }
        let firstBy = clock.now + .seconds(10)
        while clock.now < firstBy && !subscribed() { try await Task.sleep(for: .milliseconds(20)) }
        #expect(subscribed())
        for sentinel in deployment.sentinels { _ = try sentinel.cli("CLIENT", "KILL", "TYPE", "pubsub") }
        let againBy = clock.now + .seconds(10)
        while clock.now < againBy && !subscribed() { try await Task.sleep(for: .milliseconds(20)) }
        #expect(subscribed(), "the client did not subscribe to +switch-master again")
        // Wait until the replica has the writes, so the failover loses nothing.
        _ = try deployment.servers[0].cli("WAIT", "1", "2000")
        try await deployment.failover()
        // The old primary keeps accepting writes until Sentinel reconfigures it; then the
        // client sees EOF or READONLY and asks the sentinels again. Writes must reach the
        // new primary within a bounded time.
        let start = clock.now
        var onNewPrimary = false
        var lastError: RedisError?
        while !onNewPrimary && clock.now - start < .seconds(20) {
            do {
                _ = try await client.send(.set("after", "yes"))
                onNewPrimary = (try? deployment.servers[1].cli("GET", "after")) == "yes"
            } catch {
                lastError = error
            }
            if !onNewPrimary { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(onNewPrimary, "writes never reached the new primary; last error: \(String(describing: lastError))")
        #expect(try await client.send(.get("s")).string == "1")
        // Scripts are not replicated: the new primary answers NOSCRIPT once, transparently.
        #expect(try await client.evaluate(script, keys: ["n"], arguments: [Array("1".utf8)]) == .integer(6))
        #expect((registry.sampleValue("redis_sentinel_failovers_total") ?? 0) >= 1)
        // An unknown master name and unreachable sentinels are distinct, named errors.
        var unknown = try RedisConfiguration(url: deployment.url.replacingOccurrences(of: "/mymaster", with: "/nosuch"))
        unknown.connectTimeout = .milliseconds(300)
        let lost = RedisClient(configuration: unknown)
        await #expect { _ = try await lost.send(.ping) } throws: { error in
            guard case .connection(_, let reason) = error as? RedisError else { return false }
            return reason == "no sentinel knows a master named 'nosuch'"
        }
        await lost.shutdown()
    }
}
