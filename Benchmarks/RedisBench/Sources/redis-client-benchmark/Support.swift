import Foundation

/// One line of the result table: our figure, the peer's, and the ratio.
struct Row {
    let name: String
    let ours: Double
    let peer: Double
    let lowerIsBetter: Bool

    init(_ name: String, ours: Double, peer: Double, lowerIsBetter: Bool) {
        self.name = name
        self.ours = ours
        self.peer = peer
        self.lowerIsBetter = lowerIsBetter
    }

    static func print(_ rows: [Row]) {
        let width = rows.map(\.name.count).max() ?? 10
        Swift.print("\("measure".padding(toLength: width, withPad: " ", startingAt: 0))  LookoutRedis  redis-benchmark  ratio")
        for row in rows {
            let ratio = row.peer > 0 ? row.ours / row.peer : .nan
            Swift.print("\(row.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(format(row.ours).leftPad(12))  \(format(row.peer).leftPad(15))  \(String(format: "%.2fx", ratio))")
        }
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// Round-trip latencies and throughput of LookoutRedis.
enum Measure {
    struct Latencies { let p50: Double; let p99: Double }

    /// Runs `body` `count` times in a row; p50/p99 in milliseconds.
    ///
    /// `body` is `@Sendable`, hence nonisolated: it runs on the cooperative pool like a
    /// service's request handler. (A closure written in top-level code is otherwise
    /// main-actor isolated, and every call would add two hops to the main thread and back.)
    static func roundTrips(count: Int, _ body: @escaping @Sendable () async throws -> Void) async throws -> Latencies {
        let clock = ContinuousClock()
        for _ in 0..<min(1000, count) { try await body() }
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = clock.now
            try await body()
            let elapsed = clock.now - start
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        samples.sort()
        return Latencies(p50: samples[samples.count / 2], p99: samples[Int(Double(samples.count) * 0.99)])
    }

    /// Runs `body` in a loop from `callers` tasks for `seconds`; completed calls per second.
    static func throughput(callers: Int, seconds: Double, _ body: @escaping @Sendable () async throws -> Void) async throws -> Double {
        let clock = ContinuousClock()
        for _ in 0..<200 { try await body() }
        let start = clock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    var done = 0
                    while clock.now < end {
                        try await body()
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = clock.now - start
        return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// One redis-benchmark run, from its `--csv` output.
struct PeerRun {
    let rps: Double
    let p50: Double
    let p99: Double

    static func run(port: Int, _ arguments: [String]) throws -> PeerRun {
        let output = try BenchServer.run("redis-benchmark", ["-h", "127.0.0.1", "-p", String(port), "--csv"] + arguments)
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        let line = output.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).last { $0.hasPrefix("\"") && !$0.hasPrefix("\"test\"") }
        guard let line else { throw BenchError("no CSV line in redis-benchmark output: \(output.suffix(300))") }
        let fields = line.split(separator: ",").map { Double($0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) ?? 0 }
        guard fields.count >= 7 else { throw BenchError("unexpected redis-benchmark line: \(line)") }
        return PeerRun(rps: fields[1], p50: fields[4], p99: fields[6])
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The redis-server both clients talk to.
final class BenchServer {
    let port: Int
    let process: Process

    init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    static func start() throws -> BenchServer {
        var port = 0
        for candidate in (46000..<46100).shuffled() where (try? run("redis-cli", ["-p", String(candidate), "PING"])) == nil {
            port = candidate
            break
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try which("redis-server"))
        process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            if (try? run("redis-cli", ["-p", String(port), "PING"]))?.contains("PONG") == true { return BenchServer(port: port, process: process) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw BenchError("redis-server did not start on port \(port)")
    }

    func stop() { _ = try? BenchServer.run("redis-cli", ["-p", String(port), "SHUTDOWN", "NOSAVE"]) }

    static func cli(_ port: Int, _ arguments: [String]) throws { _ = try run("redis-cli", ["-p", String(port)] + arguments) }

    static func which(_ name: String) throws -> String {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw BenchError("'\(name)' is not installed; install it with: apt-get install -y redis-server redis-tools")
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try which(tool))
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw BenchError("\(tool) exited \(process.terminationStatus): \(text.suffix(300))") }
        return text
    }
}
