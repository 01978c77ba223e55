import BybitSimulator
import Foundation
import RedisTestSupport
import Testing
import SimulatorTestSupport
import TestSupport

/// `lookout fetch` with the seed system's Redis settings against a real `redis-server`.
@Suite("lookout fetch through the Redis candle cache", .serialized)
struct FetchCacheTests {
    static let arguments = ["fetch", "BTCUSDT", "ETHUSDT", "SOLUSDT", "--interval", "15", "--limit", "1000", "--format", "csv", "--exclude-open"]

    @Test func aSecondRunComesFromRedisAndAStoppedRedisOnlyCostsRequests() async throws {
        let redis = try await RedisServerProcess.start(["--save", "", "--appendonly", "no"])
        try await withSimulatorServer { server, url in
            let environment = ["BYBIT_REDIS_ENABLED": "true", "BYBIT_REDIS_PORT": String(redis.port)]
            let first = try CLI.run(Self.arguments + ["--base-url", url], environment: environment)
            #expect(first.status == 0)
            let afterFirst = server.simulator.statistics().totalRequests
            #expect(afterFirst == 6)  // 1,000 15m candles reach into two 1,000-candle chunks per symbol
            #expect(first.standardError.contains("cache redis://127.0.0.1:\(redis.port): 0 candles from the cache, 6 requests upstream\n"))
            let second = try CLI.run(Self.arguments + ["--base-url", url], environment: environment)
            #expect(second.status == 0)
            #expect(server.simulator.statistics().totalRequests == afterFirst)
            #expect(second.standardError.contains("cache redis://127.0.0.1:\(redis.port): 3000 candles from the cache, 0 requests upstream\n"))
            try await redis.stop()
            let third = try CLI.run(Self.arguments + ["--base-url", url], environment: environment)
            #expect(third.status == 0)
            #expect(third.standardError.hasPrefix("lookout fetch: warning: the Redis cache at redis://127.0.0.1:\(redis.port) is unreachable"))
            #expect(server.simulator.statistics().totalRequests == afterFirst + 6)
            // Closed candles are the same whichever way they came (the open one was excluded).
            let rows = { (output: ExternalTool.Output) in output.standardOutput.split(separator: "\n").dropFirst().filter { $0.hasPrefix("BTCUSDT") }.dropLast(2) }
            #expect(rows(first) == rows(second) && rows(second) == rows(third))
        }
    }

    @Test(arguments: [
        (["--cache", "redis://127.0.0.1:0"], "lookout: option '--cache' must be memory, off or a Redis URL"),
        (["--cache", "memcached://x"], "lookout: option '--cache' must be memory, off or a Redis URL"),
        (["--cache-ttl", "soon"], "lookout: option '--cache-ttl' must be a positive duration such as 90s, 30m, 12h or 7d, got 'soon'\n"),
    ])
    func badCacheOptionsAreOneLineAndExit2(extra: [String], message: String) throws {
        let run = try CLI.run(["fetch", "BTCUSDT", "--interval", "15"] + extra)
        #expect(run.status == 2)
        #expect(run.standardError.hasPrefix(message))
        #expect(run.standardError.split(separator: "\n").count == 1)
    }
}
