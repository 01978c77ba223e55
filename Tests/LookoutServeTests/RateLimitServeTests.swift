import Foundation
import Testing
import RedisTestSupport
import TestSupport

@Suite("lookout serve with the seed-style rate_limit config")
struct RateLimitServeTests {
    @Test func the61stRequestInAMinuteFromOneIPIsAnswered429() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-ratelimit")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("serve.json")
        try Data(#"{"port": 0, "log_level": "warning", "rate_limit": {"requests_per_minute": 60, "enable_per_ip": true, "excluded_paths": ["/health", "/docs", "/metrics"]}}"#.utf8)
            .write(to: config)
        let serve = try ServeProcess(["--config", config.path])
        let base = try await serve.baseURL(timeout: .seconds(30))
        // A burst crossing a minute boundary would see the previous minute decay; start just after one.
        let second = Calendar(identifier: .gregorian).component(.second, from: Date())
        if second >= 55 { try await Task.sleep(for: .seconds(61 - second)) }

        for index in 1...60 {
            let response = try await fetch(base + "/")
            #expect(response.status == 200, "request \(index)")
            #expect(response.headers["ratelimit-policy"] == #""per-ip";q=60;w=60"#)
            #expect(response.headers["ratelimit"]?.hasPrefix("\"per-ip\";r=\(60 - index);t=") == true, "request \(index)")
        }
        let denied = try await fetch(base + "/")
        #expect(denied.status == 429)
        #expect(denied.headers["content-type"] == "application/problem+json")
        #expect(denied.headers["ratelimit-policy"] == #""per-ip";q=60;w=60"#)
        let retryAfter = try #require(denied.headers["retry-after"].flatMap { Int($0) })
        #expect((1...120).contains(retryAfter))
        #expect(denied.headers["ratelimit"] == "\"per-ip\";r=0;t=\(retryAfter)")
        #expect(denied.body == #"{"type":"https://github.com/lookout-swift/lookout/blob/main/README.md#rate-limiting","title":"Too Many Requests","status":429,"detail":"policy 'per-ip' allows 60 requests per 60 s; retry in \#(retryAfter) s","violated-policies":"per-ip"}"#)

        // Excluded paths (configured and the default health endpoints) still answer.
        #expect(try await fetch(base + "/metrics").status == 200)
        let metrics = try await fetch(base + "/metrics")
        #expect(metrics.body.contains(#"rate_limit_decisions_total{policy="per-ip",result="allowed"} 60"#))
        #expect(metrics.body.contains(#"rate_limit_decisions_total{policy="per-ip",result="denied"} 1"#))
        #expect(metrics.body.contains(#"rate_limit_configured_limit{policy="per-ip"} 60"#))

        serve.send(SIGTERM)
        #expect(try await serve.exitStatus() == 0)
        #expect(serve.standardError.text.isEmpty)
    }

    @Test func twoServeProcessesSharingOneRedisEnforceOneGlobalLimit() async throws {
        let redis = try await RedisServerProcess.start()
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-ratelimit-redis")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("serve.json")
        try Data(#"{"port": 0, "log_level": "warning", "rate_limit": {"enable_per_ip": false, "global_requests_per_minute": 30, "backend": "\#(redis.url)"}}"#.utf8)
            .write(to: config)
        let instances = [try ServeProcess(["--config", config.path]), try ServeProcess(["--config", config.path])]
        var bases: [String] = []
        for instance in instances { bases.append(try await instance.baseURL(timeout: .seconds(30))) }
        let second = Calendar(identifier: .gregorian).component(.second, from: Date())
        if second >= 55 { try await Task.sleep(for: .seconds(61 - second)) }

        var statuses: [Int] = []
        for index in 0..<40 {
            let response = try await fetch(bases[index % 2] + "/")
            statuses.append(response.status)
            if response.status == 200 {
                #expect(response.headers["ratelimit-policy"] == #""global";q=30;w=60"#)
            }
        }
        #expect(statuses.filter { $0 == 200 }.count == 30, "one limit for both instances: \(statuses)")
        #expect(statuses.filter { $0 == 429 }.count == 10)
        #expect(try redis.cli("EXISTS", "lookout:rl:{global}").contains("1"))
        for instance in instances { instance.send(SIGTERM) }
        for instance in instances {
            #expect(try await instance.exitStatus() == 0)
            #expect(instance.standardError.text.isEmpty)
        }
        try await redis.stop()
    }

    @Test func badRateLimitValuesExit2WithOneLine() throws {
        let output = try LookoutBinary.tool.run(["serve", "--rate-limit", "lots"], timeout: .seconds(20), environment: LookoutBinary.environment())
        #expect(output.status == 2)
        #expect(output.standardError == "lookout: option '--rate-limit' must be a whole number of requests per minute from 0 (off) to 1000000, got 'lots'\n")
    }
}
