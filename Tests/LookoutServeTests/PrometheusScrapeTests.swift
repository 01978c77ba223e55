import Foundation
import Testing
import TestSupport
@testable import lookout

/// `lookout serve`'s service scraped by a real Prometheus: both exposition formats are
/// accepted, the HTTP metrics are queryable, and every committed rule file loads and
/// evaluates without error.
@Suite("A real Prometheus scrapes lookout serve")
struct PrometheusScrapeTests {
    @Test func prometheusScrapesBothFormatsQueriesTheMetricsAndEvaluatesEveryRule() async throws {
        var settings = ServeSettings()
        settings.port = 0
        settings.syntheticSeries = 10
        let service = try LookoutService(settings: settings, logger: nil)
        try service.start()
        service.markServing()
        do {
            try await scrapeAndCheck(service)
        } catch {
            await service.stop(gracePeriod: .milliseconds(200))
            throw error
        }
        await service.stop(gracePeriod: .milliseconds(200))
    }

    private func scrapeAndCheck(_ service: LookoutService) async throws {
        let target = try #require(service.baseURL?.replacing("http://", with: ""))
        let ruleFiles = try committedRuleFiles()
        let prometheus = try await PrometheusServer.start(configuration: """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
            \(ruleFiles.map { "  - \($0.path)" }.joined(separator: "\n"))
            scrape_configs:
              # Prometheus negotiates OpenMetrics with its default Accept header.
              - job_name: lookout-openmetrics
                static_configs:
                  - targets: ["\(target)"]
              # Prometheus 2.42 cannot choose the format, so ask the endpoint for text 0.0.4.
              - job_name: lookout-text
                params:
                  format: [prometheus]
                static_configs:
                  - targets: ["\(target)"]
            """)
        defer { prometheus.stop() }

        #expect(try await eventually { try await prometheus.query("up == 1").count == 2 }, "both scrape jobs are up")
        let health = try await prometheus.api("/api/v1/targets") as? [String: Any]
        let targets = try #require(health?["activeTargets"] as? [[String: Any]])
        #expect(targets.count == 2)
        #expect(targets.allSatisfy { $0["lastError"] as? String == "" }, "\(targets)")

        // Only OpenMetrics carries units (`# UNIT`), and Prometheus keeps them in its
        // per-target metadata: proof that each job got the format it asked for.
        var units: [String: String] = [:]
        #expect(try await eventually {
            let metadata = try await prometheus.api("/api/v1/targets/metadata?metric=http_request_duration_seconds") as? [[String: Any]] ?? []
            for entry in metadata {
                guard let job = (entry["target"] as? [String: String])?["job"] else { continue }
                units[job] = entry["unit"] as? String ?? ""
            }
            return units.count == 2
        }, "both targets report metadata")
        #expect(units == ["lookout-openmetrics": "seconds", "lookout-text": ""])
        for job in ["lookout-openmetrics", "lookout-text"] {
            #expect(try await prometheus.query(#"lookout_build_info{job="\#(job)",version="0.1.0"}"#).count == 1)
            #expect(try await prometheus.query(#"bench_synthetic_total{job="\#(job)"}"#).count == 10)
        }

        // The scrapes themselves are HTTP requests the server counted.
        #expect(try await eventually {
            try await prometheus.query(#"http_requests_total{job="lookout-text",method="GET",route="/metrics",status="200"} >= 2"#).count == 1
        })
        let quantile = #"histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="lookout-openmetrics",route="/metrics"}[10s])))"#
        #expect(try await eventually {
            guard let value = try await prometheus.query(quantile).first?.value else { return false }
            return value.isFinite && value > 0 && value <= 10
        }, "a p99 latency is computed from the histogram")

        // Every committed rule group loaded, every rule evaluated, none failed.
        let expectedGroups = try ruleFiles.flatMap(groupNames).sorted()
        var rules: [[String: Any]] = []
        let evaluated = try await eventually(.seconds(30)) {
            let data = try await prometheus.api("/api/v1/rules") as? [String: Any]
            let groups = data?["groups"] as? [[String: Any]] ?? []
            guard groups.compactMap({ $0["name"] as? String }).sorted() == expectedGroups else { return false }
            rules = groups.flatMap { $0["rules"] as? [[String: Any]] ?? [] }
            return rules.allSatisfy { ($0["lastEvaluation"] as? String).map { !$0.hasPrefix("0001-") } ?? false }
        }
        #expect(evaluated, "every group of \(ruleFiles.map(\.lastPathComponent)) loads and is evaluated")
        #expect(rules.count > 40)
        for rule in rules where rule["health"] as? String != "ok" {
            Issue.record("rule \(rule["name"] ?? "?") is \(rule["health"] ?? "?"): \(rule["lastError"] ?? "")")
        }
    }

    /// `alerts/*.rules.yml` in the repository, sorted.
    private func committedRuleFiles() throws -> [URL] {
        let folder = RepositoryPaths.root().appendingPathComponent("alerts")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".rules.yml") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.contains { $0.lastPathComponent == "http.rules.yml" })
        return files
    }

    /// The group names a generated rule file declares (`  - name: <group>` lines).
    private func groupNames(_ file: URL) throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("  - name: ") }
            .map { String($0.dropFirst("  - name: ".count)) }
    }

    /// Polls `condition` once a second-ish until it holds or `timeout` passes.
    private func eventually(_ timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await condition()
    }
}
