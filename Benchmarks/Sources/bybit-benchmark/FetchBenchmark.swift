import BybitSimulator
import BybitSimulatorHTTP
import Foundation
import LookoutBybit
import LookoutHTTP

/// The parent side: starts the simulator with 50 ms of latency on loopback, runs every
/// workload sequentially and in parallel in child processes, times page parsing, and
/// prints the figures against the issue's targets.
enum FetchBenchmark {
    static let latency = Duration.milliseconds(50)
    static let parallelism = 10

    static func run(quick: Bool) async -> Int32 {
        print("Bybit benchmark (\(quick ? "quick" : "full") run, \(ProcessInfo.processInfo.activeProcessorCount) CPUs): client against bybit-sim on loopback, \(Int(ClientRun.seconds(latency) * 1000)) ms injected latency")
        do {
            let parse = try ParseBenchmark.run(quick: quick)
            print(String(format: "\nparse a 1,000-row kline page (%d bytes): %.3f ms median   target <= 0.5 ms   %@",
                         parse.bytes, parse.milliseconds, parse.milliseconds <= 0.5 ? "ok" : "MISSED"))

            let simulator = try BybitSimulator(configuration: SimulatorConfiguration(behavior: SimulatorBehavior(
                ipRateLimit: IPRateLimit(isEnabled: false), latency: .fixed(latency))))
            let server = try BybitSimulatorServer(simulator: simulator, configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0))
            try server.start()
            defer { Task { await server.shutdown() } }
            let url = server.baseURL!

            var allMet = parse.milliseconds <= 0.5
            for workload in Workload.all {
                let rounds = quick ? 1 : 3
                let sequential = try await median(rounds) { try await child(workload, url: url, concurrency: 1) }
                let parallel = try await median(rounds) { try await child(workload, url: url, concurrency: parallelism) }
                allMet = report(workload, sequential: sequential, parallel: parallel) && allMet
            }
            await server.shutdown()
            print(allMet ? "\nall targets met" : "\nsome targets MISSED")
            return 0
        } catch {
            FileHandle.standardError.write(Data("bybit-benchmark: \(error)\n".utf8))
            return 1
        }
    }

    /// Prints one workload's rows; returns whether its targets were met.
    private static func report(_ workload: Workload, sequential: RunResult, parallel: RunResult) -> Bool {
        let latencySeconds = ClientRun.seconds(latency)
        let expectedCandles = workload.symbols.count * workload.candles
        print("\n\(workload.name): \(workload.requests) requests, \(expectedCandles) candles")
        print(pad("mode", 28) + pad("wall", 10) + pad("requests", 10) + pad("candles/s", 11) + pad("peak RSS (before fetch)", 25) + pad("lower bound", 13) + "wall / bound")
        var met = true
        for (mode, result, concurrency) in [("sequential (concurrency 1)", sequential, 1), ("parallel (concurrency \(parallelism))", parallel, parallelism)] {
            let bound = Double(result.requests) / Double(concurrency) * latencySeconds
            print(pad(mode, 28) + pad(String(format: "%.3f s", result.seconds), 10) + pad("\(result.requests)", 10)
                  + pad(String(format: "%.0f", Double(result.candles) / result.seconds), 11)
                  + pad(String(format: "%.1f MB (%.1f MB)", Double(result.peakRSSBytes) / 1_000_000, Double(result.baselineRSSBytes) / 1_000_000), 25)
                  + pad(String(format: "%.3f s", bound), 13) + String(format: "%.2fx", result.seconds / bound))
            if result.candles != expectedCandles || result.failures > 0 {
                print("  INCOMPLETE: \(result.candles) of \(expectedCandles) candles, \(result.failures) failed symbols")
                met = false
            }
        }
        let bound = Double(parallel.requests) / Double(parallelism) * latencySeconds
        let speedup = sequential.seconds / parallel.seconds
        let withinBound = parallel.seconds <= 1.3 * bound
        print(String(format: "parallel: %.2fx the lower bound (target <= 1.3x) %@; %.1fx faster than sequential (target >= 5x) %@",
                     parallel.seconds / bound, withinBound ? "ok" : "MISSED", speedup, speedup >= 5 ? "ok" : "MISSED"))
        met = met && withinBound && speedup >= 5
        if workload.symbols.count == 30 {
            let rssOK = parallel.peakRSSBytes <= 50_000_000 && sequential.peakRSSBytes <= 50_000_000
            print(String(format: "peak RSS: %.1f MB (target <= 50 MB) %@", Double(max(parallel.peakRSSBytes, sequential.peakRSSBytes)) / 1_000_000, rssOK ? "ok" : "MISSED"))
            met = met && rssOK
        }
        return met
    }

    /// The run with the median wall time of `rounds`.
    private static func median(_ rounds: Int, _ run: () async throws -> RunResult) async throws -> RunResult {
        var results: [RunResult] = []
        for _ in 0..<rounds { results.append(try await run()) }
        return results.sorted { $0.seconds < $1.seconds }[results.count / 2]
    }

    /// Runs this executable as a client child process and reads its result line.
    private static func child(_ workload: Workload, url: String, concurrency: Int) async throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        process.arguments = ["--client", "--workload", workload.name, "--base-url", url, "--concurrency", String(concurrency)]
        let output = Pipe()
        process.standardOutput = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard let result = text.split(separator: "\n").lazy.compactMap(RunResult.init(line:)).first else {
            throw BenchmarkError(description: "the client run (\(workload.name), concurrency \(concurrency)) exited \(status) without a result: \(text)")
        }
        return result
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

/// A benchmark that could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
}

/// Parsing one 1,000-row kline page, as the client does with every response.
enum ParseBenchmark {
    static func run(quick: Bool) throws -> (bytes: Int, milliseconds: Double) {
        let clock = ManualSimulatorClock(.milliseconds(Workload.start + 2_000 * 60_000))
        let simulator = try BybitSimulator(clock: clock)
        let body = simulator.respond(to: SimulatorRequest(target: "/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&start=\(Workload.start)&end=\(Workload.start + 999 * 60_000)&limit=1000")).body
        let page = try KlinePage<Kline>.decode(body, interval: .oneMinute)
        guard page.rows.count == 1000 else { throw BenchmarkError(description: "the sample page has \(page.rows.count) rows, expected 1000") }
        let iterations = quick ? 200 : 2_000
        var samples: [Double] = []
        for _ in 0..<(quick ? 3 : 7) {
            let started = ContinuousClock.now
            var rows = 0
            for _ in 0..<iterations { rows &+= (try? KlinePage<Kline>.decode(body, interval: .oneMinute).rows.count) ?? 0 }
            samples.append(ClientRun.seconds(started.duration(to: .now)) * 1000 / Double(iterations))
            guard rows == 1000 * iterations else { throw BenchmarkError(description: "a parse failed during the benchmark") }
        }
        return (body.count, samples.sorted()[samples.count / 2])
    }
}
