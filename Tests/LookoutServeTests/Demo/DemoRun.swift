import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import RedisTestSupport
import TestSupport

/// A running `scripts/demo` (bybit-sim, redis-server, two `lookout serve`, Prometheus,
/// Alertmanager and the traffic generator), started with the built binaries and a short
/// scenario. ``stop()`` (or release) sends SIGTERM, whose trap stops every child.
final class DemoRun {
    /// The tools the demo needs, each failing with its install command when missing.
    static func checkTools() throws {
        _ = try ExternalTool.prometheus.path()
        _ = try RedisTool.path("redis-server")
        _ = try ExternalTool("curl", install: "apt-get install -y curl").path()
        if (try? ExternalTool("alertmanager", install: "").path()) == nil {
            _ = try ExternalTool("prometheus-alertmanager", install: "apt-get install -y prometheus-alertmanager (or run `make test`)").path()
        }
    }

    /// The demo script's process id.
    let pid: pid_t
    let directory: URL
    /// The URL lines the demo printed: `prometheus`, `alertmanager`, `lookout-1`, … .
    let urls: [String: String]
    /// When the stack was ready (the traffic starts then).
    let started: Date
    private let phaseFile: URL
    private var exited = false

    /// Starts the demo and waits (bounded) until it printed its URLs.
    init(phaseSeconds: Int, duration: Int, scrapeInterval: String = "1s") async throws {
        try Self.checkTools()
        let lookout = try ExternalTool.builtProduct("lookout").path()
        _ = try ExternalTool.builtProduct("bybit-sim").path()
        directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-demo-test")
        let urlsFile = directory.appendingPathComponent("urls")
        phaseFile = directory.appendingPathComponent("phase")
        let log = directory.appendingPathComponent("demo.log")
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOOKOUT_") && !$0.key.hasPrefix("DEMO_") }
        environment.merge([
            "DEMO_BIN_DIR": URL(fileURLWithPath: lookout).deletingLastPathComponent().path,
            "DEMO_DURATION": String(duration), "DEMO_PHASE_SECONDS": String(phaseSeconds), "DEMO_ONCE": "1",
            "DEMO_SCRAPE_INTERVAL": scrapeInterval, "DEMO_URLS_FILE": urlsFile.path, "DEMO_PHASE_FILE": phaseFile.path,
        ]) { $1 }
        pid = try Self.spawn(["/bin/bash", RepositoryPaths.root().appendingPathComponent("scripts/demo").path],
                             environment: environment, output: log.path)
        let deadline = ContinuousClock.now + .seconds(60)
        var found: [String: String] = [:]
        var status: Int32 = 0
        var exitedEarly = false
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: urlsFile, encoding: .utf8), text.hasSuffix("ready\n") {
                for line in text.split(separator: "\n") {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    found[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                break
            }
            if waitpid(pid, &status, WNOHANG) == pid {
                exitedEarly = true
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        urls = found
        started = Date()
        exited = exitedEarly
        guard found["prometheus"] != nil else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            stop()
            let how = !exitedEarly ? "is still running" : (status & 0x7f) == 0 ? "exited with status \((status >> 8) & 0xff)" : "was killed by signal \(status & 0x7f)"
            throw PrometheusServer.Failure("scripts/demo did not print its URLs within 60 s (it \(how)); its output:\n\(output)")
        }
    }

    deinit { stop() }

    /// The scenario phase the traffic generator is in (`steady`, `429-storm`, …, `done`).
    var phase: String { ((try? String(contentsOf: phaseFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// What the demo printed so far.
    var output: String { (try? String(contentsOf: directory.appendingPathComponent("demo.log"), encoding: .utf8)) ?? "" }

    /// Waits (bounded) until the scenario has run once.
    func waitForScenario(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, isRunning, phase != "done" {
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Whether the demo script still runs (reaps it once it exited).
    var isRunning: Bool {
        if exited { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        return !exited
    }

    /// Stops the demo (SIGTERM: its trap stops every child) and waits at most 30 s. Safe to
    /// call more than once.
    func stop() {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(30)
        while isRunning, Date() < deadline { usleep(100_000) }
        if isRunning {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            exited = true
        }
    }

    /// Starts `arguments` with `environment`, standard input from /dev/null and both output
    /// streams appended to `output`. Unlike Foundation's `Process`, it resets the signal mask
    /// and the termination signals' actions: a test runner's threads block signals, and a
    /// child inheriting a blocked SIGTERM (redis-server, the script's own trap) never sees it.
    static func spawn(_ arguments: [String], environment: [String: String], output: String) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else { throw PrometheusServer.Failure("cannot start \(arguments.joined(separator: " ")): errno \(result)") }
        return pid
    }

    /// GETs (or sends `method` to) `url` and returns the status and body.
    static func request(_ url: String, method: String = "GET") async throws -> (status: Int, body: Data) {
        guard let address = URL(string: url) else { throw PrometheusServer.Failure("bad URL \(url)") }
        var request = URLRequest(url: address, timeoutInterval: 15)
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
