import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc

/// A real Prometheus server (the Debian `prometheus` package) for integration tests: it
/// runs on a free loopback port with its configuration and TSDB in a fresh temporary
/// directory, and is killed and cleaned up by ``stop()`` (or when released).
///
/// ```swift
/// let prometheus = try await PrometheusServer.start(configuration: yaml)
/// defer { prometheus.stop() }
/// let up = try await prometheus.query("up")
/// ```
public final class PrometheusServer: @unchecked Sendable {
    // @unchecked Sendable: `process` is only started in `init` and then read or stopped;
    // Foundation's Process is itself thread-safe for those calls. Everything else is immutable.

    /// Why Prometheus could not be used.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// The base URL, for example `http://127.0.0.1:40123`.
    public let baseURL: String
    /// The folder holding `prometheus.yml` and `data/`.
    public let directory: URL
    private let process: Process
    private let log: FileHandle

    private init(baseURL: String, directory: URL, process: Process, log: FileHandle) {
        self.baseURL = baseURL
        self.directory = directory
        self.process = process
        self.log = log
    }

    deinit { stop() }

    /// Writes `configuration` (prometheus.yml text) and starts Prometheus with it, then
    /// waits (bounded) until it reports ready.
    ///
    /// - Throws: ``Failure`` with the install command when `prometheus` is missing, or with
    ///   Prometheus' log when it does not become ready within `timeout`.
    public static func start(configuration: String, timeout: Duration = .seconds(30)) async throws -> PrometheusServer {
        let executable = try ExternalTool.prometheus.path()
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-prometheus")
        let configPath = directory.appendingPathComponent("prometheus.yml")
        try Data(configuration.utf8).write(to: configPath)
        let logPath = directory.appendingPathComponent("prometheus.log")
        _ = FileManager.default.createFile(atPath: logPath.path, contents: nil)
        let log = try FileHandle(forWritingTo: logPath)
        let port = try freeLoopbackPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--config.file=\(configPath.path)", "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let server = PrometheusServer(baseURL: "http://127.0.0.1:\(port)", directory: directory, process: process, log: log)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await server.get("/-/ready"))?.status == 200 { return server }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOf: logPath, encoding: .utf8)) ?? ""
        server.stop()
        throw Failure("prometheus did not become ready within \(timeout); its log:\n\(output)")
    }

    /// Kills Prometheus and removes its folder. Safe to call more than once.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? log.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// GETs `path` (with its query) from the Prometheus HTTP API.
    public func get(_ path: String) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: baseURL + path) else { throw Failure("bad path \(path)") }
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The `data` member of an API response whose `status` is `success`.
    public func api(_ path: String) async throws -> Any {
        let (status, body) = try await get(path)
        guard status == 200, let object = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              object["status"] as? String == "success", let data = object["data"]
        else { throw Failure("GET \(path) answered \(status): \(String(decoding: body, as: UTF8.self))") }
        return data
    }

    /// An instant query's result vector: each series' labels and value.
    public func query(_ expression: String) async throws -> [(labels: [String: String], value: Double)] {
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? expression
        guard let data = try await api("/api/v1/query?query=\(encoded)") as? [String: Any],
              let result = data["result"] as? [[String: Any]]
        else { throw Failure("query \(expression) returned no vector") }
        return result.map { sample in
            let labels = sample["metric"] as? [String: String] ?? [:]
            let pair = sample["value"] as? [Any] ?? []
            return (labels, Double(pair.last as? String ?? "") ?? .nan)
        }
    }

    /// A port nobody listens on right now (bound to port 0, read back, released).
    public static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Failure("bind failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
