import Foundation
import LookoutRateLimit
import LookoutRedis

/// One Redis decision through ``RedisRateLimitBackend`` beside `redis-benchmark` sending
/// `EVALSHA` of the same script with the same arguments over one connection, in the same
/// run against the same `redis-server`.
enum RedisBenchmarks {
    static func run(quick: Bool) async {
        guard let server = which("redis-server"), let benchmark = which("redis-benchmark"), let cli = which("redis-cli") else {
            print("Redis decisions: skipped (redis-server, redis-benchmark or redis-cli is not installed; apt-get install -y redis-server redis-tools)")
            return
        }
        let port = 20_000 + Int(ProcessInfo.processInfo.processIdentifier % 20_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: server)
        process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            defer { _ = try? run(cli, ["-p", String(port), "SHUTDOWN", "NOSAVE"]) }
            for _ in 0..<100 where (try? run(cli, ["-p", String(port), "PING"]))?.contains("PONG") != true {
                try await Task.sleep(for: .milliseconds(50))
            }
            let requests = quick ? 2_000 : 20_000
            let client = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:\(port)"))
            let backend = RedisRateLimitBackend(client: client)
            let limit = try RateLimit(limit: 100_000_000, window: .seconds(60))
            // The same EVALSHA through the client alone, with arguments built once: what the
            // backend adds on top of LookoutRedis (key, arguments, reply, fallback routing).
            let script = RedisScript(RateLimitScript.source)
            let arguments: [[UInt8]] = ["s", "100000000", "60000000", "1", "100000000", "8"].map { Array($0.utf8) }
            for _ in 0..<500 {
                _ = try await backend.decide(key: "bench", limit: limit, cost: 1)
                _ = try await client.evaluate(script, keys: ["lookout:rl:{bench}"], arguments: arguments)
            }
            // Short alternating chunks (order swapped every chunk), each pair giving one ratio:
            // a loaded machine's slow spells hit both sides of a pair alike.
            let chunks = quick ? 10 : 40
            let chunk = max(50, requests * Timing.rounds / chunks)
            var backendMicros: [Double] = [], clientMicros: [Double] = [], ratios: [Double] = [], cpuRatios: [Double] = []
            var cpuAdded: [Double] = []
            for index in 0..<chunks {
                var backendTime = 0.0, clientTime = 0.0, backendCPU = 0.0, clientCPU = 0.0
                for side in index % 2 == 0 ? [0, 1] : [1, 0] {
                    let cpuStart = Timing.processCPU()
                    let start = ContinuousClock.now
                    if side == 0 {
                        for _ in 0..<chunk { _ = try await backend.decide(key: "bench", limit: limit, cost: 1) }
                        backendTime = Timing.seconds(ContinuousClock.now - start) * 1e6 / Double(chunk)
                        backendCPU = (Timing.processCPU() - cpuStart) / 1e3 / Double(chunk)
                    } else {
                        for _ in 0..<chunk { _ = try await client.evaluate(script, keys: ["lookout:rl:{bench}"], arguments: arguments) }
                        clientTime = Timing.seconds(ContinuousClock.now - start) * 1e6 / Double(chunk)
                        clientCPU = (Timing.processCPU() - cpuStart) / 1e3 / Double(chunk)
                    }
                }
                backendMicros.append(backendTime)
                clientMicros.append(clientTime)
                ratios.append(backendTime / clientTime)
                cpuRatios.append(backendCPU / clientCPU)
                cpuAdded.append(backendCPU - clientCPU)
            }
            func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
            let lookout = median(backendMicros)
            let clientOnly = median(clientMicros)
            await client.shutdown()

            let sha = try run(cli, ["-p", String(port), "SCRIPT", "LOAD", RateLimitScript.source]).trimmingCharacters(in: .whitespacesAndNewlines)
            var rawSamples: [Double] = []
            for _ in 0..<3 {
                let csv = try run(benchmark, ["-p", String(port), "-c", "1", "-n", String(requests), "--csv",
                                              "EVALSHA", sha, "1", "lookout:rl:{bench}", "s", "100000000", "60000000", "1", "100000000", "8"])
                let rps = csv.split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ",").dropFirst().first
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r ")) }.flatMap(Double.init)
                if let rps, rps > 0 { rawSamples.append(1e6 / rps) }
            }
            guard !rawSamples.isEmpty else {
                print("Redis decisions: redis-benchmark printed no figure")
                return
            }
            let raw = rawSamples.sorted()[rawSamples.count / 2]
            print("Redis decisions, one connection, sequential (\(chunks) alternating chunks of \(chunk) calls)")
            print("  RedisRateLimitBackend.decide          \(String(format: "%7.1f", lookout)) µs")
            print("  RedisClient.evaluate, same script     \(String(format: "%7.1f", clientOnly)) µs")
            print("  redis-benchmark EVALSHA, same script  \(String(format: "%7.1f", raw)) µs   backend / raw \(String(format: "%.2f", lookout / raw)), client / raw \(String(format: "%.2f", clientOnly / raw))")
            print("  ratio decision / raw EVALSHA through the same client (target ≤ 1.3): median \(String(format: "%.3f", median(ratios)))"
                + ", best \(String(format: "%.3f", ratios.min() ?? 0)), worst \(String(format: "%.3f", ratios.max() ?? 0))"
                + "; process CPU per call, median \(String(format: "%.3f", median(cpuRatios))) (+\(String(format: "%.2f", median(cpuAdded))) µs)")
        } catch {
            print("Redis decisions: failed: \(error)")
        }
    }

    static func which(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
