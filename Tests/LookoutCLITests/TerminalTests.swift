import Foundation
import SimulatorTestSupport
import Testing
import TestSupport

/// `lookout fetch` on a terminal: run under `script`, which gives it a pseudo-terminal for
/// standard input, output and error.
@Suite("lookout fetch on a terminal")
struct TerminalTests {
    static let script = ExternalTool("script", install: "apt-get install -y bsdutils")

    func onTerminal(_ arguments: [String]) throws -> ExternalTool.Output {
        let command = ([try CLI.lookout.path()] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try Self.script.run(["-qefc", command, "/dev/null"], timeout: .seconds(60), environment: ["BYBIT_BASE_URL": "", "TERM": "xterm"])
    }

    @Test func progressIsDrawnAndErasedOnlyOnATerminal() async throws {
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-tty")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("out.csv").path
        try await withSimulatorServer { _, url in
            let arguments = ["fetch", "BTCUSDT", "ETHUSDT", "--interval", "1", "--from", "2024-01-01", "--to", "2024-01-02T17:39Z", "--out", file, "--base-url", url]
            let terminal = try onTerminal(arguments)
            #expect(terminal.status == 0)
            #expect(terminal.standardOutput.contains("\r[") && terminal.standardOutput.contains("/6 pages"))
            #expect(terminal.standardOutput.contains("\r\u{1B}[K"))
            #expect(terminal.standardOutput.contains("2 symbols (2 ok, 0 failed), 5000 candles, 6 requests, 0 retries"))
            let piped = try CLI.run(arguments)
            #expect(!piped.standardError.contains("pages"))
            #expect(!piped.standardError.contains("\u{1B}"))
        }
    }

    @Test func aTerminalGetsATableByDefault() async throws {
        try await withSimulatorServer { _, url in
            let terminal = try onTerminal(["fetch", "BTCUSDT", "--interval", "60", "--limit", "2", "--quiet", "--base-url", url])
            #expect(terminal.status == 0)
            #expect(terminal.standardOutput.hasPrefix("SYMBOL   START (UTC)"))
        }
    }
}
