import Foundation

/// A real `redis-server` on a free loopback port with its own temporary directory, for
/// tests. Stop it with ``stop()`` (it is also killed when the object is released).
///
/// ```swift
/// let server = try await RedisServerProcess.start()
/// let client = RedisClient(configuration: try RedisConfiguration(url: server.url))
/// ```
public final class RedisServerProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is only touched under `lock`; the rest is immutable.
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The server's working directory (removed by ``stop()``).
    public let directory: URL
    /// Extra `redis-server` arguments the server was started with.
    public let arguments: [String]
    /// A configuration file given first (Sentinel needs one it can rewrite), or `nil`.
    public let configFile: String?
    private let lock = NSLock()
    private var process: Process?

    /// `redis://127.0.0.1:PORT`.
    public var url: String { "redis://127.0.0.1:\(port)" }

    private init(port: Int, directory: URL, arguments: [String], configFile: String?) {
        self.port = port
        self.directory = directory
        self.arguments = arguments
        self.configFile = configFile
    }

    deinit {
        // No waiting here: a deinit may run while the test process exits.
        if let process, process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts `redis-server` on a free port with persistence off and `extraArguments`
    /// (e.g. `["--requirepass", "secret"]`), and waits until it answers `PING`.
    public static func start(_ extraArguments: [String] = [], port: Int? = nil) async throws -> RedisServerProcess {
        let server = RedisServerProcess(port: try port ?? RedisTool.freePort(), directory: try makeDirectory(), arguments: extraArguments, configFile: nil)
        try await server.launch()
        return server
    }

    /// Starts `redis-server CONFIG --sentinel` on a free port; `configuration(port)` is the
    /// file's text (Sentinel rewrites it, so it lives in the server's directory).
    public static func startSentinel(configuration: (Int) -> String) async throws -> RedisServerProcess {
        let directory = try makeDirectory()
        let port = try RedisTool.freePort()
        let file = directory.appendingPathComponent("sentinel.conf")
        try configuration(port).write(to: file, atomically: true, encoding: .utf8)
        let server = RedisServerProcess(port: port, directory: directory, arguments: ["--sentinel"], configFile: file.path)
        try await server.launch()
        return server
    }

    private static func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lookout-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `redis-cli -p PORT arguments…` (with `--no-auth-warning`) and returns its output.
    @discardableResult
    public func cli(_ arguments: String...) throws -> String {
        try RedisTool.cli(cliPrefix + arguments)
    }

    /// The `redis-cli` arguments that reach this server, including its password if any.
    public var cliPrefix: [String] {
        var prefix = ["-h", "127.0.0.1", "-p", String(port)]
        if let index = arguments.firstIndex(of: "--requirepass"), index + 1 < arguments.count {
            prefix += ["--no-auth-warning", "-a", arguments[index + 1]]
        }
        return prefix
    }

    /// Stops the server (`SHUTDOWN NOSAVE`, SIGKILL if that fails) and waits for it to exit.
    public func stop() async throws {
        let running = lock.withLock { () -> Process? in
            defer { process = nil }
            return process
        }
        guard let running else { return }
        // SHUTDOWN NOSAVE, not SIGTERM: Foundation starts children with the signals its own
        // threads block still blocked, so redis-server would ignore SIGTERM.
        _ = try? RedisTool.cli(cliPrefix + ["SHUTDOWN", "NOSAVE"], timeout: .seconds(5))
        if try await !Self.waitForExit(running.processIdentifier, within: .seconds(5)) {
            Glibc.kill(running.processIdentifier, SIGKILL)
            _ = try await Self.waitForExit(running.processIdentifier, within: .seconds(5))
        }
    }

    /// Kills the server at once (SIGKILL), as a crash would, and waits for it to exit.
    public func kill() async throws {
        let running = lock.withLock { () -> Process? in
            defer { process = nil }
            return process
        }
        guard let running else { return }
        Glibc.kill(running.processIdentifier, SIGKILL)
        _ = try await Self.waitForExit(running.processIdentifier, within: .seconds(10))
    }

    /// Waits until process `pid` has exited (gone or a zombie), polling `/proc`; `false` if
    /// it is still running after `limit`.
    static func waitForExit(_ pid: Int32, within limit: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return true }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.first == "Z" || fields.first == "X" { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// Stops the server if running and starts it again on the same port (empty data set and
    /// script cache, persistence being off).
    public func restart() async throws {
        try await stop()
        try await launch()
    }

    private func launch() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try RedisTool.path("redis-server"))
        let logFile = directory.appendingPathComponent("redis.log").path
        if let configFile {
            process.arguments = [configFile, "--port", String(port), "--bind", "127.0.0.1", "--dir", directory.path, "--logfile", logFile] + arguments
        } else {
            process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--enable-debug-command", "local",
                                 "--dir", directory.path, "--logfile", logFile] + arguments
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        lock.withLock { self.process = process }
        try await Self.waitUntilAnswering(cliPrefix, process: process, log: directory.appendingPathComponent("redis.log"))
    }

    static func waitUntilAnswering(_ cliPrefix: [String], process: Process, log: URL) async throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard process.isRunning else {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw RedisTestError("redis-server exited at start: \(text.suffix(500))")
            }
            if let reply = try? RedisTool.cli(cliPrefix + ["PING"], timeout: .seconds(2)), reply.contains("PONG") { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RedisTestError("redis-server did not answer PING within 10 s (\(cliPrefix.joined(separator: " ")))")
    }
}
