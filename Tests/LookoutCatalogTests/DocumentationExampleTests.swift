import Foundation
import Lookout
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

/// The module-author example of the DocC overview ("Declaring metrics"), verbatim: it must
/// validate, register, and generate rules whose tests pass in promtool.
struct HTTPMetrics: CatalogDeclarations {
    init() {}

    let requests = CounterDeclaration(
        "http_requests", help: "HTTP requests handled, by route and status code.",
        labelNames: ["route", "code"],
        chart: .timeseries(row: "Traffic", unit: .requestsPerSecond, legend: "{{route}} {{code}}"))

    let duration = HistogramDeclaration(
        "http_request_duration_seconds", help: "Time to answer a request.", unit: .seconds,
        labelNames: ["route"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        chart: Chart(row: "Latency", by: ["route"]))

    static let errors = RatioDeclaration(
        "http_request_errors", help: "Share of requests answered with a 5xx status.",
        numerator: requests.matching("code", .regex("5..")), denominator: requests,
        chart: .stat(row: "Traffic", thresholds: .above(warning: 0.01, critical: 0.05)))

    static let availability = ServiceLevelObjective.availability(
        "http_availability", description: "Requests answered without a server error",
        objective: 0.999, bad: requests.matching("code", .regex("5..")), total: requests)

    static let latency = ServiceLevelObjective.latency(
        "http_latency", description: "Requests answered within 250 ms",
        objective: 0.99, histogram: duration, threshold: 0.25)

    static let errorsHigh = AlertDeclaration(
        "HTTPErrorsHigh",
        summary: "{{ $labels.job }} answers too many requests with 5xx",
        description: "More than 5% of {{ $labels.job }}'s requests failed over 5 minutes.",
        conditions: [.warning("\(errors.recorded) > 0.05", for: .minutes(5))],
        tests: [
            .silent("1% errors", at: .minutes(15), given: [
                requests.matching("code", .equal("500")).series("0+1x20"),
                requests.matching("code", .equal("200")).series("0+99x20"),
            ]),
            .fires(.warning, when: "10% errors", at: .minutes(15), labels: ["job": "app"], given: [
                requests.matching("code", .equal("500")).series("0+10x20"),
                requests.matching("code", .equal("200")).series("0+90x20"),
            ]),
        ])

    static let catalog = MetricCatalog(
        "http", title: "HTTP server",
        declarations: HTTPMetrics.self, ratios: [errors],
        alerts: [errorsHigh], objectives: [availability, latency])
}

@Suite("The documentation's example")
struct DocumentationExampleTests {
    static let set = CatalogSet([ProcessMetrics.catalog, HTTPMetrics.catalog], runbookBaseURL: "https://github.com/acme/shop/blob/main/alerts/runbooks")

    @Test("validates and registers")
    func registers() throws {
        #expect(Self.set.problems() == [])
        let registry = Registry()
        let requests = try HTTPMetrics.requests.register(in: registry)
        let duration = try HTTPMetrics.duration.register(in: registry)
        requests.labels("/klines", "200").inc()
        duration.labels("/klines").observe(0.012)
        try HTTPMetrics.catalog.register(in: registry)
        #expect(registry.snapshot().count == 2)
    }

    @Test("its rules pass promtool's lint and unit tests")
    func promtool() throws {
        let tree = try GeneratedTree.write(Self.set)
        defer { tree.remove() }
        let lint = try ExternalTool.promtool.run(["check", "rules", "--lint=all", "--lint-fatal", tree.alerts.appendingPathComponent("http.rules.yml").path])
        #expect(lint.status == 0, "\(lint.standardOutput)\(lint.standardError)")
        let tests = try ExternalTool.promtool.run(["test", "rules", tree.alerts.appendingPathComponent("tests/http-test.yaml").path], timeout: .seconds(120))
        #expect(tests.status == 0, "\(tests.standardOutput)\(tests.standardError)")
    }
}
