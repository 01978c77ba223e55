import Foundation
import Lookout
import LookoutRedis
import RedisTestSupport
import Synchronization
import Testing
@testable import LookoutRateLimit

/// The Redis backend against a real `redis-server` on a loopback port.
@Suite("Redis backend: conformance, shared limits, Redis stopped, flushed and wrong", .serialized)
struct RedisBackendTests {
    private func client(_ server: RedisServerProcess, timeout: Duration = .milliseconds(500)) throws -> RedisClient {
        var configuration = try RedisConfiguration(url: server.url)
        configuration.commandTimeout = timeout
        configuration.connectTimeout = timeout
        return RedisClient(configuration: configuration)
    }

    @Test func passesTheConformanceSuite() async throws {
        let server = try await RedisServerProcess.start()
        let client = try client(server)
        try await BackendConformance.run(RedisRateLimitBackend(client: client))
        await client.shutdown()
        try await server.stop()
    }

    /// The Lua script and ``LimiterState`` (the memory backend) make the same decision,
    /// field for field, at every instant of a replayed bursty trace.
    @Test func theScriptDecidesExactlyAsTheMemoryAlgorithmOnAReplayedTrace() async throws {
        let server = try await RedisServerProcess.start()
        let client = try client(server, timeout: .seconds(5))
        let backend = RedisRateLimitBackend(client: client)
        let limits = [try RateLimit(limit: 20, window: .seconds(10)), try RateLimit(limit: 20, window: .seconds(10), subWindows: 1),
                      try RateLimit(limit: 20, window: .seconds(10), subWindows: 2),
                      try RateLimit(limit: 20, window: .seconds(10), algorithm: .gcra, burst: 5)]
        let times = SlidingWindowAccuracyTests.trace(limit: 20, window: 10_000_000, shape: .bursty).prefix(400)
        for (number, limit) in limits.enumerated() {
            var state = LimiterState.empty
            var mismatches = 0
            for (index, now) in times.enumerated() {
                let cost = index % 7 == 0 ? 3 : 1
                let expected = limit.decide(&state, now: now, cost: cost)
                let actual = try await backend.decideInRedis(key: "replay-\(number)", limit: limit, cost: cost, at: now)
                if actual != expected, mismatches < 3 {
                    Issue.record("\(limit) at \(now) cost \(cost): Redis \(actual), memory \(expected)")
                }
                mismatches += actual == expected ? 0 : 1
            }
            #expect(mismatches == 0, "\(limit): \(mismatches) of \(times.count) decisions differ")
        }
        await client.shutdown()
        try await server.stop()
    }

    @Test func twoInstancesSharingOneRedisEnforceOneGlobalLimit() async throws {
        let server = try await RedisServerProcess.start()
        let clients = [try client(server), try client(server)]
        let limiters = try clients.map { client in
            try RateLimiter(policies: [.global(try RateLimit(limit: 50, window: .seconds(86_400)))], backend: RedisRateLimitBackend(client: client))
        }
        let admitted = await withTaskGroup(of: Int.self) { group in
            for limiter in limiters {
                for client in 0..<4 {
                    group.addTask {
                        var count = 0
                        for _ in 0..<20 where await limiter.check(RateLimitRequest(clientAddress: "10.0.0.\(client)", route: "/")).isAllowed {
                            count += 1
                        }
                        return count
                    }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(admitted == 50, "160 requests through two instances, one global limit of 50")
        let ttl = Int(try server.cli("PTTL", "lookout:rl:{global}").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(ttl > 86_400_000 && ttl <= 2 * 86_400_000, "the key expires once it no longer matters, got \(ttl) ms")
        for client in clients { await client.shutdown() }
        try await server.stop()
    }

    @Test func fallsBackToMemoryWhileRedisIsDownAndReturnsWhenItIsBack() async throws {
        let server = try await RedisServerProcess.start()
        let client = try client(server, timeout: .milliseconds(300))
        let registry = Registry()
        let metrics = try RateLimitMetricsObserver(registry: registry, policies: ["per-ip"])
        let transitions = Mutex<[BackendFallbackStateMachine.Transition]>([])
        let backend = RedisRateLimitBackend(client: client, retryInterval: .milliseconds(200), metrics: metrics) { transition, _ in
            transitions.withLock { $0.append(transition) }
        }
        let limit = try RateLimit(limit: 3, window: .seconds(86_400))
        #expect(try await backend.decide(key: "a", limit: limit, cost: 1).remaining == 2)
        #expect(!backend.isInFallback)

        try await server.stop()
        let start = ContinuousClock.now
        // Same limits, now per instance in memory: three fresh admissions, then denials.
        var local: [Bool] = []
        for _ in 0..<4 { local.append(try await backend.decide(key: "a", limit: limit, cost: 1).isAllowed) }
        #expect(local == [true, true, true, false])
        #expect(ContinuousClock.now - start < .seconds(3), "no decision waits past the command timeout")
        #expect(backend.isInFallback)
        #expect(metrics.fallbackActive.value == 1)
        #expect(transitions.withLock { $0 } == [.enteredFallback])

        try await server.restart()
        // Back to Redis once a probe succeeds (the restarted Redis is empty: 2 left after this one).
        var recovered = false
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !recovered {
            try await Task.sleep(for: .milliseconds(100))
            let decision = try await backend.decide(key: "b", limit: limit, cost: 1)
            recovered = !backend.isInFallback && decision.isAllowed
        }
        #expect(recovered)
        #expect(metrics.fallbackActive.value == 0)
        #expect(transitions.withLock { $0 } == [.enteredFallback, .recovered])
        #expect(try server.cli("EXISTS", "lookout:rl:{b}").contains("1"))
        await client.shutdown()
        try await server.stop()
    }

    @Test func aSlowRedisNeverHoldsADecisionPastTheCommandTimeout() async throws {
        let server = try await RedisServerProcess.start()
        let client = try client(server, timeout: .milliseconds(300))
        let backend = RedisRateLimitBackend(client: client, retryInterval: .milliseconds(200))
        let limit = try RateLimit(limit: 5, window: .seconds(60))
        #expect(try await backend.decide(key: "slow", limit: limit, cost: 1).isAllowed)
        // Redis stops answering for 1.5 s.
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: try RedisTool.path("redis-cli"))
        sleeper.arguments = server.cliPrefix + ["DEBUG", "SLEEP", "1.5"]
        sleeper.standardOutput = FileHandle.nullDevice
        try sleeper.run()
        try await Task.sleep(for: .milliseconds(100))
        let start = ContinuousClock.now
        let during = try await backend.decide(key: "slow", limit: limit, cost: 1)
        let waited = ContinuousClock.now - start
        #expect(during.isAllowed, "decided locally")
        #expect(waited < .milliseconds(1200), "waited \(waited), the command timeout is 300 ms")
        #expect(backend.isInFallback)
        let quick = ContinuousClock.now
        _ = try await backend.decide(key: "slow", limit: limit, cost: 1)
        #expect(ContinuousClock.now - quick < .milliseconds(100), "while in fallback, nobody waits for Redis")
        sleeper.waitUntilExit()
        await client.shutdown()
        try await server.stop()
    }

    @Test func failOpenAdmitsWhileRedisIsDown() async throws {
        let server = try await RedisServerProcess.start()
        let client = try client(server, timeout: .milliseconds(300))
        let limiter = try RateLimiter(policies: [.perClientAddress(try RateLimit(limit: 1, window: .seconds(60)))],
                                      backend: RedisRateLimitBackend(client: client, failureMode: .failOpen))
        let request = RateLimitRequest(clientAddress: "a", route: "/")
        #expect(await limiter.check(request).isAllowed)
        #expect(await !limiter.check(request).isAllowed)
        try await server.stop()
        for _ in 0..<3 {
            let outcome = await limiter.check(request)
            #expect(outcome.isAllowed && outcome.entries.isEmpty, "fail-open: admitted, no policy applied")
        }
        await client.shutdown()
    }

    @Test func survivesAScriptFlushAndAFlushAll() async throws {
        let server = try await RedisServerProcess.start()
        let client = try client(server)
        let backend = RedisRateLimitBackend(client: client)
        let limit = try RateLimit(limit: 2, window: .seconds(86_400))
        #expect(try await backend.decideInRedis(key: "k", limit: limit, cost: 1).remaining == 1)
        try server.cli("SCRIPT", "FLUSH")
        #expect(try await backend.decideInRedis(key: "k", limit: limit, cost: 1).remaining == 0, "NOSCRIPT is reloaded transparently")
        #expect(try await !backend.decideInRedis(key: "k", limit: limit, cost: 1).isAllowed)
        try server.cli("FLUSHALL")
        #expect(try await backend.decideInRedis(key: "k", limit: limit, cost: 1).remaining == 1, "a flushed key starts over")
        await client.shutdown()
        try await server.stop()
    }

    @Test func aKeyOfTheWrongTypeIsAServerErrorAndFallsBack() async throws {
        let server = try await RedisServerProcess.start()
        let client = try client(server)
        let backend = RedisRateLimitBackend(client: client)
        try server.cli("SET", "lookout:rl:{w}", "not a hash")
        let limit = try RateLimit(limit: 2, window: .seconds(60))
        await #expect(throws: RateLimitBackendError.self) { try await backend.decideInRedis(key: "w", limit: limit, cost: 1) }
        do {
            _ = try await backend.decideInRedis(key: "w", limit: limit, cost: 1)
        } catch {
            #expect(error.kind == .serverError)
            #expect(error.message.contains("WRONGTYPE"))
        }
        #expect(try await backend.decide(key: "w", limit: limit, cost: 1).isAllowed, "decided locally instead")
        #expect(backend.isInFallback)
        await client.shutdown()
        try await server.stop()
    }

    @Test func passesTheConformanceSuiteOnARedisCluster() async throws {
        let cluster = try await RedisClusterProcess.start()
        var configuration = try RedisConfiguration(url: cluster.url)
        configuration.commandTimeout = .seconds(2)
        let client = RedisClient(configuration: configuration)
        try await cluster.run(thenShutDown: { await client.shutdown() }) {
            let backend = RedisRateLimitBackend(client: client, failureMode: .failOpen)
            // fail-open: a routing failure would throw here instead of hiding in the fallback.
            try await BackendConformance.run(backend)
            // Keys of many clients spread over the three primaries, each decided on its own slot.
            let limit = try RateLimit(limit: 1, window: .seconds(60))
            for index in 0..<30 {
                #expect(try await backend.decideInRedis(key: "per-ip:10.0.0.\(index)", limit: limit, cost: 1).isAllowed)
                #expect(try await !backend.decideInRedis(key: "per-ip:10.0.0.\(index)", limit: limit, cost: 1).isAllowed)
            }
        }
    }

    @Test func keysAreHashTaggedForCluster() throws {
        let backend = RedisRateLimitBackend(client: RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:1")))
        #expect(backend.redisKey("per-ip:203.0.113.7") == "lookout:rl:{per-ip:203.0.113.7}")
        let braced = backend.redisKey("per-client-key:{evil}")
        #expect(braced.hasPrefix("lookout:rl:{") && braced.hasSuffix("}"))
        #expect(braced.dropFirst("lookout:rl:{".count).dropLast().allSatisfy { $0 != "{" && $0 != "}" })
    }
}
