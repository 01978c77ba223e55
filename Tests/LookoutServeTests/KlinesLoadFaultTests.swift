import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RedisTestSupport
import Testing
import TestSupport

/// `wrk` against `lookout serve`'s klines API (candle cache on a real Redis, rate limiter on
/// with a limit far above the load) while the upstream simulator injects faults and Redis is
/// killed and restarted: the process survives, answers only with the documented statuses,
/// never makes a caller wait past the request deadline, and returns to its resident memory
/// and open descriptors of before the storm.
///
/// Bounded in `make test` (3 s warm-up + 20 s of load); `make soak` runs the same cycle for
/// `SOAK_SECONDS` (LOOKOUT_SOAK_SECONDS here).
@Suite("Klines API under wrk while Redis restarts and the upstream fails")
struct KlinesLoadFaultTests {
    /// Every status the klines API documents (OpenAPI document, KlinesUpstreamFailure).
    static let documentedStatuses: Set<Int> = [200, 400, 404, 429, 502, 503, 504]
    /// Seconds of load; one fault cycle takes ``cycleSeconds``.
    static let loadSeconds = max(ProcessInfo.processInfo.environment["LOOKOUT_SOAK_SECONDS"].flatMap { Int($0) } ?? 20, cycleSeconds)
    static let cycleSeconds = 20
    /// `--bybit-timeout`: the most a request may spend on the upstream, retries included.
    static let upstreamTimeout = 2.0
    /// The slowest answer allowed: the upstream deadline plus Redis timing out on a dead
    /// socket and scheduling on a loaded 2-core machine.
    static let latencyLimit: Duration = .seconds(6)
    /// How far the footprint may stay above the baseline once the load stops.
    static let descriptorSlack = 4
    static func residentSlack(_ baseline: Int) -> Int { max(32 * 1_048_576, baseline / 2) }

    static let wrkTool = ExternalTool("wrk", install: "apt-get install -y wrk (or run `make test`, which installs it)")
    static let simulatorTool = ExternalTool.builtProduct("bybit-sim")

    @Test func survivesFaultsWithDocumentedStatusesAndReturnsToBaseline() async throws {
        let redis = try await RedisServerProcess.start(["--save", "", "--appendonly", "no"])
        let simulator = try ChildProcess(Self.simulatorTool, ["--port", "0", "--ip-limit", "off"])
        let upstream = try await simulator.announcedURL()
        let serve = try ServeProcess([
            "--port", "0", "--log-level", "error", "--cache", redis.url, "--rate-limit", "1000000",
            "--bybit-base-url", upstream, "--bybit-timeout", "\(Self.upstreamTimeout)", "--bybit-attempts", "2",
        ])
        let base = try await serve.baseURL()
        let pid = serve.process.processIdentifier

        let warmUp = try await Self.wrk(base, seconds: 3)
        #expect(warmUp.statuses[200, default: 0] > 0, "warm-up answered: \(warmUp)")
        try await Task.sleep(for: .seconds(1))
        let baseline = try ProcessFootprint(pid: pid)

        let load = Task { try await Self.wrk(base, seconds: Self.loadSeconds) }
        try await Self.disturb(upstream: upstream, redis: redis, seconds: Self.loadSeconds)
        let result = try await load.value

        #expect(serve.process.isRunning, "lookout serve exited during the load: \(serve.standardError.text.suffix(2000))")
        #expect(Set(result.statuses.keys).isSubset(of: Self.documentedStatuses), "statuses: \(result.statuses)")
        for status in [200, 400, 404] { #expect(result.statuses[status, default: 0] > 0, "no \(status) in \(result.statuses)") }
        #expect(result.errors == ["connect": 0, "read": 0, "write": 0, "timeout": 0], "socket errors: \(result.errors)")
        #expect(result.latencyMax <= Self.latencyLimit, "slowest answer \(result.latencyMax)")

        // Recovered: klines answer 200 again once Redis is back and the faults are gone.
        let deadline = ContinuousClock.now + .seconds(20)
        var status = 0
        while ContinuousClock.now < deadline, status != 200 {
            status = (try? await fetch(base + "/api/v1/klines?symbol=BTCUSDT&interval=1&limit=200").status) ?? 0
            if status != 200 { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(status == 200, "the klines API did not recover")
        let after = try await Self.settledFootprint(pid: pid, baseline: baseline)
        #expect(after.openDescriptors <= baseline.openDescriptors + Self.descriptorSlack, "before \(baseline), after \(after)")
        #expect(after.residentBytes <= baseline.residentBytes + Self.residentSlack(baseline.residentBytes), "before \(baseline), after \(after)")
        print("KlinesLoadFaultTests: \(Self.loadSeconds) s, \(result.requests) requests, statuses \(result.statuses.sorted { $0.key < $1.key }), "
              + "slowest \(result.latencyMax); before \(baseline), after \(after)")

        serve.send(SIGTERM)
        #expect(try await serve.exitStatus(timeout: .seconds(15)) == 0)
        simulator.process.interrupt()
        _ = try? await simulator.exitStatus(timeout: .seconds(10))
        try await redis.stop()
    }

    /// One fault cycle every ``cycleSeconds`` for `seconds`: upstream faults (5xx, 10006,
    /// resets, malformed bodies, answers slower than the deadline) from 3 s, Redis killed at
    /// 7 s and restarted at 11 s, faults lifted at 14 s.
    static func disturb(upstream: String, redis: RedisServerProcess, seconds: Int) async throws {
        let start = ContinuousClock.now
        let faults = #"["http:503@p:0.1:1", "10006@p:0.05:2", "reset@p:0.05:3", "malformed@p:0.05:4", "delay:3s@p:0.03:5"]"#
        for cycle in 0..<(seconds / cycleSeconds) {
            let origin = start + .seconds(cycle * cycleSeconds)
            try await Task.sleep(until: origin + .seconds(3))
            try await put(upstream + "/sim/faults", faults)
            try await Task.sleep(until: origin + .seconds(7))
            try await redis.kill()
            try await Task.sleep(until: origin + .seconds(11))
            try await redis.restart()
            try await Task.sleep(until: origin + .seconds(14))
            try await put(upstream + "/sim/faults", "")
        }
    }

    /// Polls the footprint for up to 15 s until it is back within the slack of `baseline`.
    static func settledFootprint(pid: Int32, baseline: ProcessFootprint) async throws -> ProcessFootprint {
        let deadline = ContinuousClock.now + .seconds(15)
        var footprint = try ProcessFootprint(pid: pid)
        while ContinuousClock.now < deadline,
              footprint.openDescriptors > baseline.openDescriptors + descriptorSlack
                || footprint.residentBytes > baseline.residentBytes + residentSlack(baseline.residentBytes) {
            try await Task.sleep(for: .milliseconds(500))
            footprint = try ProcessFootprint(pid: pid)
        }
        return footprint
    }

    /// What scripts/wrk-klines.lua reports.
    struct LoadResult: CustomStringConvertible {
        var statuses: [Int: Int] = [:]
        var errors: [String: Int] = [:]
        var requests = 0
        var latencyMax: Duration = .zero
        var description: String { "\(requests) requests, statuses \(statuses), errors \(errors), slowest \(latencyMax)" }
    }

    /// Runs wrk (2 threads, 16 connections, 8 s socket timeout) for `seconds` against `base`.
    static func wrk(_ base: String, seconds: Int) async throws -> LoadResult {
        let script = RepositoryPaths.root().appendingPathComponent("scripts/wrk-klines.lua").path
        let wrk = try ChildProcess(wrkTool, ["-t2", "-c16", "-d\(seconds)s", "--timeout", "8s", "-s", script, base])
        let status = try await wrk.exitStatus(timeout: .seconds(seconds + 60))
        guard status == 0 else { throw TestFailure("wrk exited \(status): \(wrk.standardError.text)") }
        var result = LoadResult()
        for line in wrk.standardOutput.text.split(separator: "\n") {
            let words = line.split(separator: " ")
            switch words.first {
            case "wrk-status" where words.count == 3: result.statuses[Int(words[1]) ?? -1] = Int(words[2]) ?? 0
            case "wrk-requests" where words.count == 2: result.requests = Int(words[1]) ?? 0
            case "wrk-latency-max-us" where words.count == 2: result.latencyMax = .microseconds(Int(words[1]) ?? 0)
            case "wrk-errors":
                for pair in words.dropFirst() {
                    let parts = pair.split(separator: "=")
                    if parts.count == 2 { result.errors[String(parts[0])] = Int(parts[1]) }
                }
            default: break
            }
        }
        guard result.requests > 0 else { throw TestFailure("wrk reported nothing: \(wrk.standardOutput.text) \(wrk.standardError.text)") }
        return result
    }

    /// A PUT with a text body (the simulator's control API); throws unless it answers 200.
    static func put(_ url: String, _ body: String) async throws {
        guard let target = URL(string: url) else { throw TestFailure("not a URL: \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = "PUT"
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw TestFailure("PUT \(url) answered \(String(decoding: data, as: UTF8.self))")
        }
    }
}
