import Foundation
import Testing
import TestSupport

/// `scripts/demo` (what `make demo` runs) end to end, once, with a short scenario: every
/// expression of every generated dashboard and every recording rule has data in the
/// demo's Prometheus, and the fault scenarios fire their alerts, which Alertmanager routes
/// and inhibits as configured, and which resolve once the faults end.
///
/// Two Prometheus servers scrape the same two `lookout serve` instances every second: the
/// demo's, with the generated rules as committed (panels and recording rules are checked
/// there), and the test's, with a copy whose `for:` and 5-minute windows are shortened
/// (``ShortenedRules``), alerting to the demo's Alertmanager.
@Suite("make demo: dashboards and alerts against live data", .serialized)
struct DemoScenarioTests {
    /// Each fault scenario's alert, its severity and the receiver alertmanager.yml routes it to.
    static let expectedAlerts: [(scenario: String, alert: String, receiver: String)] = [
        ("upstream-ban", "BybitIPBanned/critical", "critical"),
        ("10006-storm", "BybitRateLimitStorm/warning", "warning"),
        ("10006-storm, 5xx-burst", "BybitUpstreamErrorsHigh/critical", "critical"),
        ("redis-down", "RedisUnreachable/critical", "critical"),
        ("redis-down", "CandleCacheDegraded/warning", "warning"),
        ("redis-down", "RateLimitFallbackActive/warning", "warning"),
        ("5xx-burst", "HTTPErrorsHigh/critical", "critical"),
        // The critical (> 50 % of decisions denied) needs denials at the first policy checked:
        // a request the per-endpoint policy denies also counts one allowed per-IP decision.
        ("429-storm", "RateLimitRejectionsHigh/warning", "warning"),
    ]
    /// Warnings a critical of the same alert inhibits in these scenarios.
    static let expectedInhibited = ["BybitUpstreamErrorsHigh/warning", "HTTPErrorsHigh/warning"]

    static let step = 2
    static let scrapeInterval = 1

    @Test("every dashboard expression and recording rule has data; fault alerts fire, route, inhibit and resolve",
          .timeLimit(.minutes(5)))
    func demoScenario() async throws {
        let root = RepositoryPaths.root()
        // A second try if the stack cannot start: another program may take a probed free port
        // before the demo binds it.
        let demo: DemoRun
        do {
            demo = try await DemoRun(phaseSeconds: 6, duration: 240, scrapeInterval: "\(Self.scrapeInterval)s")
        } catch {
            demo = try await DemoRun(phaseSeconds: 6, duration: 240, scrapeInterval: "\(Self.scrapeInterval)s")
        }
        defer { demo.stop() }
        let serves = ["lookout-1", "lookout-2"].compactMap { demo.urls[$0] }
        try #require(serves.count == 2, "demo printed \(demo.urls)")
        let prometheus = PrometheusAPI(baseURL: try #require(demo.urls["prometheus"]))
        let alertmanager = PrometheusAPI(baseURL: try #require(demo.urls["alertmanager"]))

        // The test's Prometheus: shortened rules, alerting to the demo's Alertmanager.
        let rulesFolder = demo.directory.appendingPathComponent("shortened-rules")
        try FileManager.default.createDirectory(at: rulesFolder, withIntermediateDirectories: true)
        _ = try ShortenedRules.write(from: root.appendingPathComponent("alerts"), to: rulesFolder, holdFor: "2s", window: "10s")
        let targets = serves.map { "'\($0.replacingOccurrences(of: "http://", with: ""))'" }.joined(separator: ", ")
        let alertmanagerAddress = alertmanager.baseURL.replacingOccurrences(of: "http://", with: "")
        let alerting = try await PrometheusServer.start(configuration: """
            global: {scrape_interval: 1s, evaluation_interval: 1s, scrape_timeout: 1s, external_labels: {source: alert-test}}
            rule_files: ['\(rulesFolder.path)/*.rules.yml']
            alerting: {alertmanagers: [{static_configs: [{targets: ['\(alertmanagerAddress)']}]}]}
            scrape_configs:
              - job_name: lookout
                static_configs: [{targets: [\(targets)]}]
            """)
        defer { alerting.stop() }
        var watcher = AlertWatcher(prometheus: PrometheusAPI(baseURL: alerting.baseURL), alertmanager: alertmanager,
                                   label: ("source", "alert-test"))

        // The scenario, watched once a second (bounded).
        let deadline = ContinuousClock.now + .seconds(150)
        while ContinuousClock.now < deadline, demo.isRunning, demo.phase != "done" {
            try await watcher.observe(phase: demo.phase)
            try await Task.sleep(for: .seconds(1))
        }
        #expect(demo.phase == "done", "the scenario did not finish within 150 s; demo output:\n\(demo.output)")

        // Every panel and variable query of every dashboard, over the scenario's time range.
        let start = demo.started.addingTimeInterval(-5)
        let end = Date()
        let files = try FileManager.default.contentsOfDirectory(at: root.appendingPathComponent("dashboards"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        let dashboards = try DashboardExpressions(files: files, step: Self.step, scrapeInterval: Self.scrapeInterval,
                                                  range: Int(end.timeIntervalSince(start)))
        #expect(dashboards.panels.count > 100, "only \(dashboards.panels.count) panel expressions found in \(files.map(\.lastPathComponent))")
        var problems: [String] = []
        for query in dashboards.panels {
            switch try await prometheus.queryRange(query.expression, start: start, end: end, step: Self.step) {
            case .failed(let error): problems.append("\(query.source): \(query.expression) — does not run: \(error)")
            case .samples(0): problems.append("\(query.source): \(query.expression) — no data")
            case .samples: break
            }
        }
        for query in dashboards.variables {
            guard let (selector, label) = DashboardExpressions.labelValues(query.expression) else {
                problems.append("\(query.source): \(query.expression) — not a label_values() query")
                continue
            }
            let series = try await prometheus.series(selector ?? "{\(label)!=\"\"}", start: start, end: end)
            if !series.contains(where: { $0[label] != nil }) { problems.append("\(query.source): \(query.expression) — no values") }
        }
        // Every recording rule (the demo's Prometheus loads the committed rules).
        let ruleFiles = try FileManager.default.contentsOfDirectory(at: root.appendingPathComponent("alerts"), includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".rules.yml") }
        var recorded = Set<String>()
        for file in ruleFiles {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("- record: ") { recorded.insert(String(trimmed.dropFirst("- record: ".count))) }
            }
        }
        #expect(recorded.count > 50, "only \(recorded.count) recording rules found")
        for name in recorded.sorted() {
            if case .samples(0) = try await prometheus.queryRange(name, start: start, end: end, step: Self.step) {
                problems.append("recording rule \(name) — no series")
            }
        }
        #expect(problems.isEmpty, """
            \(problems.count) of \(dashboards.panels.count) panel, \(dashboards.variables.count) variable and \(recorded.count) \
            recording-rule queries have no data after the demo scenario (fix the declarations or extend scripts/demo):
            \(problems.joined(separator: "\n"))
            """)

        // The fault alerts: fired, routed, inhibited, then resolved.
        let expected = Self.expectedAlerts.map(\.alert)
        var unresolved = Set(expected)
        let resolveBy = ContinuousClock.now + .seconds(60)
        while !unresolved.isEmpty, ContinuousClock.now < resolveBy {
            try await watcher.observe(phase: "done")
            let firing = try await watcher.firing()
            let held = Set(try await watcher.inAlertmanager().map(\.key))
            unresolved = Set(expected.filter { firing.contains($0) || held.contains($0) })
            if !unresolved.isEmpty { try await Task.sleep(for: .seconds(1)) }
        }
        let seen = "alerts seen:\n\(watcher.summary)"
        for (scenario, alert, receiver) in Self.expectedAlerts {
            #expect(watcher.firedIn[alert] != nil, "\(scenario): \(alert) never fired in Prometheus; \(seen)")
            #expect(watcher.receivers[alert] == [receiver], "\(scenario): \(alert) should reach only receiver '\(receiver)'; \(seen)")
        }
        for alert in Self.expectedInhibited {
            #expect(watcher.inhibited.contains(alert), "\(alert) was never inhibited by its critical; \(seen)")
        }
        #expect(unresolved.isEmpty, "still firing or held by Alertmanager 60 s after the scenario: \(unresolved.sorted()); \(seen)")
    }
}
