import Foundation
import RedisTestSupport
import Testing
import TestSupport

/// `lookout serve`'s `cache` health component follows Redis: degraded while it is
/// unreachable (the service still starts), ok once it answers.
@Suite struct ServeCacheTests {
    @Test func healthReportsTheCacheDegradedUntilRedisAnswers() async throws {
        let port = try RedisTool.freePort()
        let serve = try ServeProcess(["--port", "0", "--cache", "redis://127.0.0.1:\(port)"])
        let base = try await serve.baseURL()
        let degraded = try await fetch(base + "/api/v1/health")
        #expect(degraded.body.contains(#""status":"degraded""#))
        #expect(degraded.body.contains(#""cache":{"status":"degraded""#))
        #expect(try await fetch(base + "/metrics").body.contains("candle_cache_degraded 1"))
        let redis = try await RedisServerProcess.start(["--save", "", "--appendonly", "no"], port: port)
        let deadline = ContinuousClock.now + .seconds(30)
        var health = degraded.body
        while ContinuousClock.now < deadline, !health.contains(#""cache":{"status":"ok""#) {
            try await Task.sleep(for: .milliseconds(250))
            health = try await fetch(base + "/api/v1/health").body
        }
        #expect(health.contains(#""cache":{"status":"ok","detail":"redis://127.0.0.1:\#(port)"}"#))
        serve.send(SIGTERM)
        #expect(try await serve.exitStatus() == 0)
        #expect(serve.standardError.text.contains("cache backend unreachable; starting degraded"))
        try await redis.stop()
    }
}
