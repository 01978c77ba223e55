// The same launcher as Tests/LookoutCurlTests/Support/PythonFixture.swift: test targets
// cannot share sources, and a shared test-support target belongs to a later phase.
import Foundation

/// The fake Bybit server shared by this test target's suites, started on first use. It
/// exits when the test process does (its stdin closes).
let sharedFakeBybit = Result { try PythonFixture(script: "fake_bybit.py") }

/// A Python fixture server: it binds a free loopback port, reports it on its first stdout
/// line ("PORT <n>"), and exits when its stdin closes.
final class PythonFixture: Sendable {
    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private let process: Process
    private let stdin: Pipe

    /// The base URL, `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `Fixtures/<script>` of this test target with extra `arguments`.
    init(script: String, arguments: [String] = []) throws {
        // This file is <target>/Support/PythonFixture.swift; fixtures live in <target>/Fixtures.
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let path = directory.appendingPathComponent("Fixtures/\(script)").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StartError(description: "fixture script missing at \(path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        do {
            try process.run()
        } catch {
            throw StartError(description: "could not start python3 (\(error)); install it with `apt-get install -y python3`")
        }
        var line = Data()
        let deadline = Date().addingTimeInterval(15)
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty || Date() > deadline {
                process.terminate()
                throw StartError(description: "\(script) exited or stalled before printing its port; is python3 installed (`apt-get install -y python3`)?")
            }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw StartError(description: "\(script) printed '\(text)' instead of 'PORT <n>'")
        }
        self.port = port
        self.process = process
        self.stdin = stdin
    }

    /// Stops the server (closing stdin asks it to exit; terminate makes sure).
    func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}
