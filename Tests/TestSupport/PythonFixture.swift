import Foundation

/// A Python fixture server from a test target's `Fixtures/` folder: it binds a free
/// loopback port, reports it on its first stdout line ("PORT <n>"), and exits when its
/// stdin closes (so it also goes away when the test process does).
public final class PythonFixture: Sendable {
    public struct StartError: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The port the fixture listens on.
    public let port: Int
    private let process: Process
    private let stdin: Pipe

    /// The base URL, `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `Tests/<target>/Fixtures/<script>` with extra `arguments`.
    public init(script: String, target: String, arguments: [String] = []) throws {
        let path = RepositoryPaths.root().appendingPathComponent("Tests/\(target)/Fixtures/\(script)").path
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
    public func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}
