import Foundation
import TestSupport

/// Any program the tests start (`lookout serve` through ``ServeProcess``, bybit-sim, wrk):
/// its output collected as it arrives, killed when released if a test did not stop it.
final class ChildProcess {
    let process = Process()
    let standardOutput = CollectedText()
    let standardError = CollectedText()
    private var pipes: [(Pipe, CollectedText)] = []

    /// Starts `tool` with `arguments`, in `environment` (this process's when `nil`).
    init(_ tool: ExternalTool, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: try tool.path())
        process.arguments = arguments
        if let environment { process.environment = environment }
        pipes = [(Pipe(), standardOutput), (Pipe(), standardError)]
        for (pipe, sink) in pipes {
            pipe.fileHandleForReading.readabilityHandler = { handle in sink.append(handle.availableData) }
            if sink === standardOutput { process.standardOutput = pipe } else { process.standardError = pipe }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The first `http://` word the program prints on standard output (its listening URL).
    func announcedURL(timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let output = standardOutput.text
            if let line = output.split(separator: "\n").first, output.contains("\n"),
               let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }) {
                return String(url)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("\(process.executableURL?.lastPathComponent ?? "?") announced no URL; stdout: \(standardOutput.text) stderr: \(standardError.text)")
    }

    /// Sends `signal` to the program.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the program to exit by itself and returns its status.
    func exitStatus(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw TestFailure("\(process.executableURL?.lastPathComponent ?? "?") did not exit within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // The handlers may not have delivered the last bytes yet (wrk prints its report just
        // before exiting): stop them and read what is left.
        for (pipe, sink) in pipes {
            pipe.fileHandleForReading.readabilityHandler = nil
            sink.append(pipe.fileHandleForReading.readDataToEndOfFile())
        }
        return process.terminationStatus
    }
}

/// What `/proc/<pid>` says about a running process: resident memory and open descriptors.
struct ProcessFootprint: CustomStringConvertible {
    /// Resident set size in bytes (`VmRSS`).
    let residentBytes: Int
    /// Entries in `/proc/<pid>/fd`.
    let openDescriptors: Int

    init(pid: Int32) throws {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw TestFailure("no VmRSS in /proc/\(pid)/status")
        }
        residentBytes = kilobytes * 1024
        openDescriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
    }

    var description: String { "RSS \(residentBytes / 1_048_576) MiB, \(openDescriptors) fds" }
}
