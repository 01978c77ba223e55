import Foundation
import Lookout
import Testing
import TestSupport

/// Our output, parsed by independent implementations: promtool (Prometheus' own Go
/// parser and linter) and client_python's text and OpenMetrics parsers.
@Suite struct ExternalParserTests {
    static func richRegistry() throws -> Registry {
        let registry = try ExpositionFixture.liveRegistry()
        try registry.register(ExpositionFixture.FixedCollector())
        try registry.register(ProcessCollector())
        let counter = try registry.counter("traced_total", help: "Traced.")
        counter.inc(by: 3, exemplar: try .trace(id: "abc", span: "def"))
        return registry
    }

    @Test func promtoolReportsNothing() throws {
        let body = try Self.richRegistry().exposition(format: .prometheusText)
        let output = try ExternalTool.promtool.run(["check", "metrics"], input: body)
        #expect(output.status == 0, "promtool: \(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.isEmpty && output.standardError.isEmpty, "promtool: \(output.standardOutput)\(output.standardError)")
    }

    @Test(arguments: [ExpositionFormat.prometheusText, .openMetrics])
    func clientPythonParses(format: ExpositionFormat) throws {
        let registry = try Self.richRegistry()
        let directory = try RepositoryPaths.temporaryDirectory(prefix: "lookout-parse")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("metrics.txt")
        try Data(registry.exposition(format: format, options: ExpositionOptions(includeCreatedTimestamps: true))).write(to: file)
        let script = RepositoryPaths.root().appendingPathComponent("scripts/parse-exposition.py").path
        let output = try ExternalTool.python3.run([script, format == .openMetrics ? "openmetrics" : "text", file.path])
        #expect(output.status == 0, "client_python: \(output.standardError)")
        let families = output.standardOutput.split(separator: "\n")
        #expect(families.count == registry.snapshot().count)
        if format == .openMetrics {
            #expect(families.contains("http_requests counter 6")) // 3 totals + 3 _created
            #expect(families.contains("service_phase stateset 3"))
            #expect(families.contains("lookout_build info 1"))
            #expect(families.contains("job_wait_seconds histogram 6"))
        }
    }
}
