import BybitSimulator
import Foundation
import SimulatorTestSupport
import Testing
import TestSupport

@Suite("lookout fetch --out: interrupts and unwritable places", .serialized)
struct FetchOutputSafetyTests {
    struct Interrupt: Sendable, CustomStringConvertible {
        var signal: Int32
        var name: String
        /// Whether `--out` already exists (and must keep its content).
        var previous: Bool
        var description: String { "\(name)\(previous ? " over an existing file" : "")" }
    }

    static let interrupts = [
        Interrupt(signal: SIGINT, name: "SIGINT", previous: true),
        Interrupt(signal: SIGTERM, name: "SIGTERM", previous: true),
        Interrupt(signal: SIGINT, name: "SIGINT", previous: false),
    ]

    /// Polls `condition` every 20 ms for at most `limit`.
    static func wait(_ limit: Duration, until condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    @Test(arguments: interrupts)
    func aSignalMidDownloadLeavesNoTemporaryFileAndTheOldOutput(_ interrupt: Interrupt) async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-signal")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("out.csv").path
        let old = Data("previous content\n".utf8)
        if interrupt.previous { try old.write(to: URL(fileURLWithPath: file)) }
        try await withSimulatorServer { server, url in
            // 15 pages, one at a time, 300 ms each: about 4.5 s of download.
            try server.simulator.updateBehavior { $0.latency = .fixed(.milliseconds(300)) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try CLI.lookout.path())
            process.arguments = ["fetch", "BTCUSDT", "--interval", "1", "--from", "2024-01-01", "--to", "2024-01-09T23:59Z",
                                 "--concurrency", "1", "--out", file, "--base-url", url, "--quiet"]
            process.environment = ProcessInfo.processInfo.environment.merging(["BYBIT_BASE_URL": ""]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            let temporary = directory.appendingPathComponent(".out.csv.lookout-\(process.processIdentifier).tmp").path
            // Mid-download: the temporary file exists and pages have been requested.
            let started = try await Self.wait(.seconds(30)) {
                FileManager.default.fileExists(atPath: temporary) && server.simulator.statistics().totalRequests >= 2
            }
            #expect(started, "the fetch did not start within 30 s")
            #expect(process.isRunning, "the fetch ended before the signal; slow the simulator down further")
            kill(process.processIdentifier, interrupt.signal)
            let ended = try await Self.wait(.seconds(30)) { !process.isRunning }
            #expect(ended, "lookout fetch kept running 30 s after \(interrupt.name)")
            guard ended else { return }
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 128 + interrupt.signal)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(left == (interrupt.previous ? ["out.csv"] : []))
            if interrupt.previous { #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == old) }
        }
    }

    /// A directory the current user cannot create files in: a read-only temporary
    /// directory, or `/sys` for root, which ignores permission bits.
    static func unwritableDirectory(_ scratch: URL) throws -> String {
        if geteuid() == 0 { return "/sys" }
        let directory = scratch.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
        return directory.path
    }

    @Test(arguments: [["--limit", "3", "--format", "json"], ["--from", "2024-01-01", "--to", "2024-01-02"], ["--from", "2024-01-01", "--to", "2024-01-02", "--format", "table"]])
    func anUnwritableOrMissingDirectoryFailsBeforeAnyRequest(_ selection: [String]) async throws {
        let scratch = try RepositoryPaths.temporaryDirectory(prefix: "lookout-out")
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch.appendingPathComponent("read-only").path)
            try? FileManager.default.removeItem(at: scratch)
        }
        let unwritable = try Self.unwritableDirectory(scratch)
        let missing = scratch.appendingPathComponent("missing").path
        try await withSimulatorServer { server, url in
            for (directory, reason) in [(unwritable, "Permission denied"), (missing, "No such file or directory")] {
                let run = try CLI.run(["fetch", "BTCUSDT", "--interval", "15"] + selection + ["--out", "\(directory)/out.csv", "--base-url", url])
                #expect(run.status == 4)
                #expect(run.standardOutput == "")
                #expect(run.standardError.split(separator: "\n").count == 1)
                #expect(run.standardError.hasPrefix("lookout fetch: cannot create '\(directory)/.out.csv.lookout-"))
                #expect(run.standardError.hasSuffix("next to '\(directory)/out.csv': \(reason); check the directory exists and is writable\n"))
                #expect(server.simulator.statistics().totalRequests == 0)
            }
        }
    }

    @Test func helpStatesTheRangeCap() throws {
        let run = try CLI.run(["fetch", "--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("""
              --to T            last candle start (default: now); the range is split into pages
                                of 1,000 candles, at most 2,000 requests per symbol (about 2
                                million candles, e.g. 3.8 years of 1-minute candles)

            """))
        #expect(!run.standardOutput.contains("any length"))
    }
}
