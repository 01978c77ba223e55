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

/// A running `lookout serve`: a ``ChildProcess`` of the built binary, killed when released
/// if a test did not stop it.
final class ServeProcess {
    private let child: ChildProcess

    /// Starts `lookout serve` with `arguments`, `LOOKOUT_*` variables from `environment` only.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        child = try ChildProcess(LookoutBinary.tool, ["serve"] + arguments, environment: LookoutBinary.environment(environment))
    }

    /// The running program.
    var process: Process { child.process }
    /// Its standard output so far.
    var standardOutput: CollectedText { child.standardOutput }
    /// Its standard error so far.
    var standardError: CollectedText { child.standardError }

    /// Waits for the banner on standard output and returns the base URL it announces.
    func baseURL(timeout: Duration = .seconds(10)) async throws -> String {
        try await child.announcedURL(timeout: timeout)
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { child.send(signal) }

    /// Waits for the process to exit and returns its status.
    func exitStatus(timeout: Duration = .seconds(10)) async throws -> Int32 {
        try await child.exitStatus(timeout: timeout)
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
