import LookoutRedis
import RedisTestSupport
import Testing

@Suite("RedisClient against a standalone redis-server", .serialized)
struct RedisStandaloneTests {
    @Test("send, pipeline, transaction, binary values")
    func basics() async throws {
        let server = try await RedisServerProcess.start()
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url))
        #expect(try await client.send(.ping) == .status("PONG"))
        #expect(try await client.send(.set("k", [0, 255, 13, 10])) == .status("OK"))
        #expect(try await client.send(.get("k")) == .bulk([0, 255, 13, 10]))
        #expect(try await client.send(.get("missing")) == .null)
        await #expect(throws: RedisError.server(RedisServerError(prefix: "WRONGTYPE", message: "Operation against a key holding the wrong kind of value"))) {
            _ = try await client.send(RedisCommand("LPUSH", "k", "x"))
        }
        let replies = try await client.pipeline([.incrBy("n", 2), RedisCommand("LPUSH", "k", "x"), .incrBy("n", 3), .get("n")])
        #expect(replies.count == 4)
        #expect(replies[0] == .integer(2))
        #expect(replies[1].serverError?.prefix == "WRONGTYPE")
        #expect(replies[2] == .integer(5))
        #expect(replies[3].string == "5")
        let results = try await client.transaction([.incrBy("t", 1), .incrBy("t", 1), .get("t")])
        #expect(results == [.integer(1), .integer(2), .bulk(Array("2".utf8))])
        await #expect(throws: RedisError.self) { _ = try await client.transaction([.incrBy("t", 1), RedisCommand("NOSUCHCOMMAND")]) }
        #expect(try await client.send(.get("t")).string == "2")
        await client.shutdown()
        await #expect(throws: RedisError.shutDown) { _ = try await client.send(.ping) }
        try await server.stop()
    }

    @Test("scripts reload after SCRIPT FLUSH and a restart")
    func scripts() async throws {
        let server = try await RedisServerProcess.start()
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url))
        let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        #expect(try await client.evaluate(script, keys: ["s"], arguments: [Array("5".utf8)]) == .integer(5))
        #expect(try server.cli("SCRIPT", "EXISTS", script.sha1) == "1")
        try server.cli("SCRIPT", "FLUSH")
        #expect(try await client.evaluate(script, keys: ["s"], arguments: [Array("1".utf8)]) == .integer(6))
        try server.cli("FLUSHALL")
        #expect(try await client.evaluate(script, keys: ["s"], arguments: [Array("1".utf8)]) == .integer(1))
        try await server.restart()
        // The first call after the restart may see the dropped connection; the next must work.
        _ = try? await client.evaluate(script, keys: ["s"], arguments: [Array("1".utf8)])
        #expect(try await client.evaluate(script, keys: ["s"], arguments: [Array("1".utf8)]).int ?? 0 >= 1)
        await #expect(throws: RedisError.self) { _ = try await client.evaluate(RedisScript("return redis.call('NOPE')"), keys: [], arguments: []) }
        await client.shutdown()
        try await server.stop()
    }

    @Test("many concurrent callers share multiplexed connections")
    func concurrency() async throws {
        let server = try await RedisServerProcess.start()
        var configuration = try RedisConfiguration(url: server.url)
        configuration.poolSize = 4
        let client = RedisClient(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<50 {
                group.addTask {
                    for round in 0..<40 {
                        let key = "c\(caller)"
                        _ = try await client.send(.set(key, "\(round)"))
                        let value = try await client.send(.get(key))
                        #expect(value.string == "\(round)")
                    }
                }
            }
            try await group.waitForAll()
        }
        // Connections opened on demand, never more than the pool size (plus redis-cli itself).
        let connected = try server.cli("CLIENT", "LIST").split(separator: "\n").count
        #expect(connected >= 2 && connected <= 5, "\(connected) connections")
        await client.shutdown()
        try await server.stop()
    }

    @Test("a command past the timeout fails in time and the client recovers")
    func commandTimeout() async throws {
        let server = try await RedisServerProcess.start()
        var configuration = try RedisConfiguration(url: server.url)
        configuration.commandTimeout = .milliseconds(200)
        configuration.poolSize = 1
        let client = RedisClient(configuration: configuration)
        #expect(try await client.send(.ping) == .status("PONG"))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: RedisError.timeout(endpoint: "127.0.0.1:\(server.port)", after: .milliseconds(200))) {
            _ = try await client.send(RedisCommand("DEBUG", "SLEEP", "1"))
        }
        #expect(clock.now - start < .milliseconds(900))
        try await Task.sleep(for: .milliseconds(900))
        #expect(try await client.send(.ping) == .status("PONG"))
        await client.shutdown()
        try await server.stop()
    }

    @Test("server stopped then restarted; CLIENT KILL")
    func restart() async throws {
        let server = try await RedisServerProcess.start()
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url))
        #expect(try await client.send(.ping) == .status("PONG"))
        try await server.stop()
        await #expect(throws: RedisError.self) { _ = try await client.send(.ping) }
        try await server.restart()
        var answered = false
        for _ in 0..<50 where !answered {
            answered = (try? await client.send(.ping)) == .status("PONG")
            if !answered { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(answered)
        try server.cli("CLIENT", "KILL", "TYPE", "normal")
        _ = try? await client.send(.ping)
        #expect(try await client.send(.ping) == .status("PONG"))
        await client.shutdown()
        try await server.stop()
    }

    @Test("password and database; wrong password is a typed error")
    func authentication() async throws {
        let server = try await RedisServerProcess.start(["--requirepass", "s3cret"])
        let client = RedisClient(configuration: try RedisConfiguration(url: "redis://:s3cret@127.0.0.1:\(server.port)/5"))
        #expect(try await client.send(.set("db5", "yes")) == .status("OK"))
        #expect(try server.cli("-n", "5", "GET", "db5") == "yes")
        await client.shutdown()
        let wrong = RedisClient(configuration: try RedisConfiguration(url: "redis://:nope@127.0.0.1:\(server.port)"))
        await #expect { _ = try await wrong.send(.ping) } throws: { error in
            guard case .server(let serverError) = error as? RedisError else { return false }
            return serverError.prefix == "WRONGPASS"
        }
        await wrong.shutdown()
        try await server.stop()
    }
}
