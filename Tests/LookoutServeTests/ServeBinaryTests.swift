import Foundation
import Testing
import TestSupport

@Suite("The lookout binary: help, usage errors, serving and graceful shutdown")
struct ServeBinaryTests {
    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ExternalTool.Output {
        try LookoutBinary.tool.run(arguments, timeout: .seconds(20), environment: LookoutBinary.environment(environment))
    }

    @Test func versionAndHelpForEveryCommand() throws {
        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput == "lookout 0.1.0\n")

        let overview = try run(["--help"])
        #expect(overview.status == 0)
        #expect(overview.standardOutput.contains("serve       serve /metrics and health"))

        let serve = try run(["serve", "--help"])
        #expect(serve.status == 0)
        for name in ["host", "port", "log-level", "log-format", "shutdown-grace", "max-connections", "event-loops", "synthetic-series", "config"] {
            #expect(serve.standardOutput.contains("--\(name) "), "--\(name) is documented")
            let variable = "LOOKOUT_" + name.uppercased().replacing("-", with: "_")
            #expect(serve.standardOutput.contains("env \(variable)"), "\(variable) is documented")
        }
        #expect(try run(["demo", "--help"]).status == 0)
    }

    @Test(arguments: [
        (["serve", "--port", "99999"], [:], "lookout: option '--port' must be a whole number from 0 to 65535, got '99999'\n"),
        (["serve", "--log-level=chatty"], [:], "lookout: option '--log-level' must be one of debug, info, warning, error, got 'chatty'\n"),
        (["serve"], ["LOOKOUT_MAX_CONNECTIONS": "lots"],
         "lookout: environment variable LOOKOUT_MAX_CONNECTIONS must be a whole number from 1 to 1000000, got 'lots'\n"),
        (["serve", "--config", "/nonexistent/lookout.json"], [:],
         "lookout: cannot read config file '/nonexistent/lookout.json': it does not exist or is not readable\n"),
        (["serve", "extra"], [:], "lookout: unexpected argument 'extra'\n"),
        (["serve", "--verbose"], [:], "lookout: unknown option '--verbose'\n"),
        (["serev"], [:], "lookout: unknown command 'serev'; run `lookout --help` for the list\n"),
    ] as [([String], [String: String], String)])
    func usageErrorsAreOneLineAndExit2(arguments: [String], environment: [String: String], message: String) throws {
        let output = try run(arguments, environment: environment)
        #expect(output.status == 2)
        #expect(output.standardError == message)
        #expect(output.standardOutput.isEmpty)
    }

    @Test func servesUntilSIGTERMThenDrainsAndExits0() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-serve")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("serve.json")
        // The file asks for port 1 and logfmt; the environment overrides the port and the flag the format.
        try Data(#"{"port": 1, "log_format": "logfmt", "synthetic_series": 3, "shutdown_grace": 2}"#.utf8).write(to: config)
        let serve = try ServeProcess(["--config", config.path, "--log-format", "json"], environment: ["LOOKOUT_PORT": "0"])
        let base = try await serve.baseURL()
        #expect(base.hasPrefix("http://127.0.0.1:"))
        #expect(serve.standardOutput.text == """
            lookout 0.1.0 serving \(base)
              metrics  \(base)/metrics
              health   \(base)/api/v1/health
              ready    \(base)/api/v1/health/ready

            """)

        let ready = try await fetch(base + "/api/v1/health/ready")
        #expect(ready.status == 200)
        #expect(ready.body == #"{"ready":true,"phase":"serving","status":"ok"}"#)
        let health = try await fetch(base + "/api/v1/health")
        #expect(health.body.hasPrefix(#"{"status":"ok","version":"0.1.0","uptime_seconds":"#))
        let metrics = try await fetch(base + "/metrics")
        #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        for sample in ["bench_synthetic_total{series=\"s2\"} 2", "lookout_build_info{version=\"0.1.0\"} 1", "process_open_fds ",
                       "http_requests_total{method=\"GET\",route=\"/api/v1/health/ready\",status=\"200\"} 1", "http_connections_limit 1024"] {
            #expect(metrics.body.contains(sample), "\(sample) is exposed")
        }

        serve.send(SIGTERM)
        #expect(try await serve.exitStatus() == 0)
        let lines = serve.standardError.text.split(separator: "\n")
        let messages = try lines.map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(object["time"] is String && object["level"] is String)
            return try #require(object["msg"] as? String)
        }
        #expect(messages.first == "serving")
        #expect(messages.filter { $0 == "request" }.count == 3, "one access-log line per request")
        #expect(messages.suffix(2) == ["stopping", "stopped"])
        #expect(lines.contains { $0.contains(#""msg":"stopping","signal":"SIGTERM","grace_seconds":2"#) })
    }

    @Test func aPortInUseIsOneErrorLineAndExit1() async throws {
        let first = try ServeProcess(["--port", "0", "--log-level", "warning"])
        let base = try await first.baseURL()
        let port = try #require(base.split(separator: ":").last.map(String.init))
        let second = try run(["serve", "--port", port])
        #expect(second.status == 1)
        let lines = second.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#"level=error msg="cannot start" error="cannot bind 127.0.0.1:\#(port): Address already in use"#) == true)
        first.send(SIGINT)
        #expect(try await first.exitStatus() == 0)
        #expect(first.standardError.text.isEmpty, "nothing at warning or above during a clean run")
    }
}
