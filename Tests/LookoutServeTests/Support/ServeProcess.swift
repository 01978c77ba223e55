import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import TestSupport

/// The built `lookout` binary, next to the test bundle in the build folder.
enum LookoutBinary {
    static let tool = ExternalTool.builtProduct("lookout")

    /// The environment a test run starts from, without any `LOOKOUT_*` variable of the
    /// developer's shell, plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOOKOUT_") }.merging(extra) { $1 }
    }
}

/// Text a child process writes to a pipe, collected as it arrives.
final class CollectedText: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    func append(_ data: Data) { bytes.withLock { $0.append(contentsOf: data) } }

    var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
}

/// A running `lookout serve`, killed when released if a test did not stop it.
final class ServeProcess {
    let process = Process()
    let standardOutput = CollectedText()
    let standardError = CollectedText()

    /// Starts `lookout serve` with `arguments`, `LOOKOUT_*` variables from `environment` only.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: try LookoutBinary.tool.path())
        process.arguments = ["serve"] + arguments
        process.environment = LookoutBinary.environment(environment)
        for (pipe, sink) in [(Pipe(), standardOutput), (Pipe(), standardError)] {
            pipe.fileHandleForReading.readabilityHandler = { handle in sink.append(handle.availableData) }
            if sink === standardOutput { process.standardOutput = pipe } else { process.standardError = pipe }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the banner on standard output and returns the base URL it announces.
    func baseURL(timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let output = standardOutput.text
            if let line = output.split(separator: "\n").first, output.contains("\n"),
               let url = line.split(separator: " ").last, url.hasPrefix("http://") {
                return String(url)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("lookout serve announced no URL; stdout: \(standardOutput.text) stderr: \(standardError.text)")
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit and returns its status.
    func exitStatus(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw TestFailure("lookout serve did not exit in time") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }
}

/// A GET through URLSession: status, body and headers.
func fetch(_ url: String, headers: [String: String] = [:]) async throws -> (status: Int, body: String, headers: [String: String]) {
    var request = URLRequest(url: try makeURL(url))
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    var fields: [String: String] = [:]
    for (name, value) in http?.allHeaderFields ?? [:] { fields["\(name)".lowercased()] = "\(value)" }
    return (http?.statusCode ?? 0, String(decoding: data, as: UTF8.self), fields)
}

private func makeURL(_ text: String) throws -> URL {
    guard let url = URL(string: text) else { throw TestFailure("not a URL: \(text)") }
    return url
}

/// A test precondition that did not hold, with what was seen.
struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
