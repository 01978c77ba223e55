import Foundation
import Lookout
import LookoutRedis
import LookoutTesting
import RedisTestSupport
import Testing

@Suite("RedisClient faults and metrics", .serialized)
struct RedisFaultTests {
    @Test("the breaker opens while Redis is down, fails fast, and closes when it is back")
    func breaker() async throws {
        let server = try await RedisServerProcess.start()
        let registry = Registry()
        var configuration = try RedisConfiguration(url: server.url)
        configuration.breaker.failureThreshold = 3
        configuration.breaker.openDuration = .milliseconds(300)
        configuration.reconnectBackoff.initial = .milliseconds(5)
        configuration.reconnectBackoff.cap = .milliseconds(20)
        let client = RedisClient(configuration: configuration, registry: registry)
        #expect(try await client.send(.set("k", "v")) == .status("OK"))
        try await server.stop()
        var errors: [RedisError] = []
        for _ in 0..<20 where client.breakerState != .open {
            do { _ = try await client.send(.get("k")) } catch { errors.append(error) }
        }
        #expect(client.breakerState == .open)
        #expect(errors.allSatisfy { if case .connection = $0 { true } else { false } }, "\(errors)")
        // While open, a call fails without touching the network, well under a millisecond.
        let clock = ContinuousClock()
        var durations: [Duration] = []
        for _ in 0..<100 {
            let start = clock.now
            await #expect { _ = try await client.send(.get("k")) } throws: { error in
                if case .breakerOpen = error as? RedisError { return true }
                return false
            }
            durations.append(clock.now - start)
        }
        durations.sort()
        // The median is the claim; the maximum only guards against waiting for a timeout
        // (a loaded 2-core machine may deschedule any single call).
        #expect(durations[50] < .milliseconds(1), "median fail-fast call took \(durations[50])")
        #expect(durations[99] < .milliseconds(100), "slowest fail-fast call took \(durations[99])")
        #expect(registry.sampleValue("redis_breaker_state", labels: ["redis_breaker_state": "open"]) == 1)
        #expect((registry.sampleValue("redis_errors_total", labels: ["kind": "breaker_open", "prefix": "none"]) ?? 0) >= 100)
        try await server.restart()
        var recovered = false
        let deadline = clock.now + .seconds(5)
        while !recovered && clock.now < deadline {
            recovered = (try? await client.send(.ping)) == .status("PONG")
            if !recovered { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(recovered)
        #expect(client.breakerState == .closed)
        #expect(registry.sampleValue("redis_breaker_state", labels: ["redis_breaker_state": "closed"]) == 1)
        #expect((registry.sampleValue("redis_reconnects_total", labels: ["node": "127.0.0.1:\(server.port)"]) ?? 0) >= 1)
        await client.shutdown()
        try await server.stop()
    }

    @Test("metrics count commands, outcomes, durations and pool state")
    func metrics() async throws {
        let server = try await RedisServerProcess.start()
        let registry = Registry()
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url), registry: registry)
        _ = try await client.send(.set("a", "1"))
        _ = try await client.send(.get("a"))
        _ = try? await client.send(RedisCommand("LPUSH", "a", "x"))
        _ = try await client.pipeline([.get("a"), .get("b"), RedisCommand("LPUSH", "a", "x")])
        #expect(registry.sampleValue("redis_commands_total", labels: ["command": "SET", "outcome": "ok"]) == 1)
        #expect(registry.sampleValue("redis_commands_total", labels: ["command": "GET", "outcome": "ok"]) == 3)
        #expect(registry.sampleValue("redis_commands_total", labels: ["command": "LPUSH", "outcome": "server_error"]) == 2)
        #expect(registry.sampleValue("redis_errors_total", labels: ["kind": "server", "prefix": "WRONGTYPE"]) == 1)
        #expect(registry.sampleValue("redis_command_duration_seconds_count", labels: ["command": "GET"]) == 1)
        #expect(registry.sampleValue("redis_command_duration_seconds_count", labels: ["command": "pipeline"]) == 1)
        #expect(registry.sampleValue("redis_pipeline_commands_sum") == 3)
        #expect(registry.sampleValue("redis_connects_total", labels: ["node": "127.0.0.1:\(server.port)", "outcome": "ok"]) == 1)
        try await Task.sleep(for: .milliseconds(600)) // one idle loop round refreshes the pool gauges
        #expect(registry.sampleValue("redis_pool_connections_idle", labels: ["node": "127.0.0.1:\(server.port)"]) == 1)
        #expect(registry.sampleValue("redis_pool_waiters", labels: ["node": "127.0.0.1:\(server.port)"]) == 0)
        await client.shutdown()
        try await server.stop()
    }

    @Test("maxmemory reached is a typed OOM error; reads still work")
    func maxmemory() async throws {
        let server = try await RedisServerProcess.start(["--maxmemory", "4mb", "--maxmemory-policy", "noeviction"])
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url))
        #expect(try await client.send(.set("small", "kept")) == .status("OK"))
        let big = [UInt8](repeating: 120, count: 100_000)
        var oom: RedisServerError?
        for index in 0..<200 where oom == nil {
            do { _ = try await client.send(.set("big\(index)", big)) } catch let RedisError.server(error) { oom = error }
        }
        #expect(oom?.prefix == "OOM")
        #expect(oom?.message == "command not allowed when used memory > 'maxmemory'.")
        #expect(try await client.send(.get("small")).string == "kept")
        await client.shutdown()
        try await server.stop()
    }

    @Test("a non-Redis service on the port is a protocol violation, within the timeout")
    func notRedis() async throws {
        let listener = try HTTPLikeListener()
        var configuration = try RedisConfiguration(url: "redis://127.0.0.1:\(listener.port)")
        configuration.commandTimeout = .milliseconds(300)
        let client = RedisClient(configuration: configuration)
        let start = ContinuousClock.now
        await #expect { _ = try await client.send(.ping) } throws: { error in
            if case .protocolViolation = error as? RedisError { return true }
            return false
        }
        #expect(ContinuousClock.now - start < .seconds(1))
        await client.shutdown()
        listener.stop()
    }

    @Test("a reply above maxReplyBytes closes the connection with a protocol violation")
    func oversizedReply() async throws {
        let server = try await RedisServerProcess.start()
        var configuration = try RedisConfiguration(url: server.url)
        configuration.maxReplyBytes = 64 << 10
        let client = RedisClient(configuration: configuration)
        #expect(try await client.send(.set("big", [UInt8](repeating: 1, count: 1 << 20))) == .status("OK"))
        await #expect { _ = try await client.send(.get("big")) } throws: { error in
            guard case .protocolViolation(let detail) = error as? RedisError else { return false }
            return detail.contains("exceeds maxReplyBytes")
        }
        #expect(try await client.send(.ping) == .status("PONG"))
        await client.shutdown()
        try await server.stop()
    }

    @Test("a peer that accepts and never answers: connect and command timeouts hold")
    func silentPeer() async throws {
        let listener = try HTTPLikeListener(silent: true)
        var configuration = try RedisConfiguration(url: "redis://:pw@127.0.0.1:\(listener.port)")
        configuration.connectTimeout = .milliseconds(200)
        configuration.poolWaitTimeout = .seconds(2)
        let authenticating = RedisClient(configuration: configuration)
        let clock = ContinuousClock()
        var start = clock.now
        await #expect(throws: RedisError.timeout(endpoint: "127.0.0.1:\(listener.port)", after: .milliseconds(200))) {
            _ = try await authenticating.send(.ping)
        }
        #expect(clock.now - start < .seconds(1))
        await authenticating.shutdown()
        configuration.password = nil
        configuration.commandTimeout = .milliseconds(150)
        let plain = RedisClient(configuration: configuration)
        start = clock.now
        await #expect(throws: RedisError.timeout(endpoint: "127.0.0.1:\(listener.port)", after: .milliseconds(150))) {
            _ = try await plain.send(.ping)
        }
        #expect(clock.now - start < .seconds(1))
        await plain.shutdown()
        listener.stop()
    }

    @Test("nothing listening: a connection error naming the endpoint")
    func refused() async throws {
        let port = try RedisTool.freePort()
        let client = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:\(port)"))
        await #expect(throws: RedisError.connection(endpoint: "127.0.0.1:\(port)", reason: "Connection refused")) {
            _ = try await client.send(.ping)
        }
        await client.shutdown()
        let unresolvable = RedisClient(configuration: try RedisConfiguration(url: "redis://no-such-host.invalid:6379"))
        await #expect { _ = try await unresolvable.send(.ping) } throws: { error in
            guard case .connection(let endpoint, let reason) = error as? RedisError else { return false }
            return endpoint == "no-such-host.invalid:6379" && reason.hasPrefix("cannot resolve")
        }
        await unresolvable.shutdown()
    }

    @Test("an ACL user with its password")
    func aclUser() async throws {
        let server = try await RedisServerProcess.start()
        try server.cli("ACL", "SETUSER", "app", "on", ">apppw", "~*", "+@all")
        let client = RedisClient(configuration: try RedisConfiguration(url: "redis://app:apppw@127.0.0.1:\(server.port)"))
        #expect(try await client.send(RedisCommand("ACL", "WHOAMI")).string == "app")
        await client.shutdown()
        let wrong = RedisClient(configuration: try RedisConfiguration(url: "redis://app:nope@127.0.0.1:\(server.port)"))
        await #expect { _ = try await wrong.send(.ping) } throws: { ($0 as? RedisError).flatMap { if case .server(let e) = $0 { e.prefix } else { nil } } == "WRONGPASS" }
        await wrong.shutdown()
        try await server.stop()
    }
}

/// A TCP listener on a free loopback port that answers every connection like an HTTP
/// server rejecting a bad request, as a non-Redis service would (or, `silent`, reads and
/// never answers).
final class HTTPLikeListener: @unchecked Sendable {
    // @unchecked Sendable: `fd` is set once in init; the accept thread only reads it.
    let port: Int
    private let fd: Int32

    init(silent: Bool = false) throws {
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listening, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(listening, 8)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listening, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        fd = listening
        Thread.detachNewThread {
            while true {
                let client = accept(listening, nil, nil)
                // After stop() shut the socket down: close it here, once no thread uses it,
                // so its descriptor number cannot be reused under a still-accepting thread.
                guard client >= 0 else { close(listening); return }
                var buffer = [UInt8](repeating: 0, count: 512)
                _ = read(client, &buffer, buffer.count)
                if silent {
                    Thread.sleep(forTimeInterval: 2)
                    close(client)
                    continue
                }
                let response = Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8)
                _ = send(client, response, response.count, Int32(MSG_NOSIGNAL))
                Thread.sleep(forTimeInterval: 0.5)
                close(client)
            }
        }
    }

    func stop() { shutdown(fd, Int32(SHUT_RDWR)) }
}
