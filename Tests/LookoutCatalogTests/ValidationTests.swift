import Foundation
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator
import TestSupport

/// Bad declarations: each case is a catalog with one mistake and the complete list of
/// problems it must produce (declaration named, fix stated).
@Suite("Catalog validation")
struct ValidationTests {
    static let requests = CounterDeclaration("api_requests", help: "Requests.", labelNames: ["code"], chart: .timeseries(row: "Traffic"))
    static let latency = HistogramDeclaration("api_latency_seconds", help: "Latency.", unit: .seconds, buckets: [0.1, 0.5, 1])
    static let stray = CounterDeclaration("api_stray", help: "Declared but in no catalog.")

    static func catalog(metrics: [any MetricDeclaration] = [requests, latency], ratios: [RatioDeclaration] = [],
                        alerts: [AlertDeclaration] = [], objectives: [ServiceLevelObjective] = []) -> MetricCatalog {
        MetricCatalog("api", title: "API", metrics: metrics, ratios: ratios, alerts: alerts, objectives: objectives)
    }

    static func problems(_ catalogs: MetricCatalog..., runbooks: Bool = true) -> [String] {
        CatalogSet(catalogs, runbookBaseURL: runbooks ? "https://example.com/rb" : nil).problems().map(\.description)
    }

    static let okTests: [AlertTest] = [
        .silent("quiet", at: .minutes(5), given: [requests.series("0x10")]),
        .fires(.warning, when: "busy", at: .minutes(5), given: [requests.series("0+100x10")]),
    ]

    @Test("a valid catalog has no problems")
    func valid() {
        #expect(Self.problems(Self.catalog()) == [])
        #expect(ShopFixture.set.problems() == [])
    }

    @Test("an invalid metric name")
    func invalidName() {
        let bad = CounterDeclaration("api-errors", help: "Errors.")
        #expect(Self.problems(Self.catalog(metrics: [bad])) == [
            "api: metric 'api-errors': names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with '__' (colons are reserved for recording rules)",
        ])
    }

    @Test("a unit that does not match the name")
    func unitMismatch() {
        let bad = GaugeDeclaration("api_queue_wait_seconds", help: "Wait.", unit: .bytes)
        #expect(Self.problems(Self.catalog(metrics: [bad])) == [
            "api: metric 'api_queue_wait_seconds': the name ends in '_seconds' but the declared unit is 'bytes'; declare unit: .seconds, or rename it to 'api_queue_wait_bytes' if it really counts bytes",
        ])
    }

    @Test("the same metric declared by two catalogs")
    func duplicateAcrossCatalogs() {
        let other = MetricCatalog("web", title: "Web", metrics: [CounterDeclaration("api_requests_total", help: "Again.", labelNames: ["code"])])
        #expect(Self.problems(Self.catalog(), other) == [
            "web: metric 'api_requests_total': 'api_requests' is also declared by catalog 'api' (with a different name ('api_requests_total' here, 'api_requests' declared), help ('Again.' here, 'Requests.' declared), chart hints); declare each metric once and reference that declaration",
        ])
    }

    @Test("a ratio and an SLO over a metric no catalog declares")
    func undeclaredReferences() {
        let ratio = RatioDeclaration("api_stray_share", help: "Share.", numerator: Self.stray, denominator: Self.requests)
        let slo = ServiceLevelObjective.availability("api_ok", objective: 0.99, bad: Self.stray, total: Self.requests)
        #expect(Self.problems(Self.catalog(ratios: [ratio], objectives: [slo])) == [
            "api: ratio 'api_stray_share': numerator references metric 'api_stray', which no catalog declares; add its declaration to a catalog's metrics",
            "api: SLO 'api_ok': events references metric 'api_stray', which no catalog declares; add its declaration to a catalog's metrics",
        ])
    }

    @Test("a latency SLO threshold that is not a bucket bound")
    func latencyThreshold() {
        let slo = ServiceLevelObjective.latency("api_fast", objective: 0.99, histogram: Self.latency, threshold: 0.3)
        #expect(Self.problems(Self.catalog(objectives: [slo])) == [
            "api: SLO 'api_fast': threshold 0.3 is not a bucket bound of 'api_latency_seconds'; use one of 0.1, 0.5, 1 or add it to the buckets",
        ])
    }

    @Test("an SLO objective too low for the page to ever fire, and one out of range")
    func objectives() {
        let low = ServiceLevelObjective.availability("api_low", objective: 0.8, bad: Self.requests.matching("code", .regex("5..")), total: Self.requests)
        let out = ServiceLevelObjective.availability("api_out", objective: 1, bad: Self.requests.matching("code", .regex("5..")), total: Self.requests)
        #expect(Self.problems(Self.catalog(objectives: [low, out])) == [
            "api: SLO 'api_low': objective 0.8 can never page: its fastest burn threshold (13.44× the budget of 0.2 over 28d) is an error ratio of 1 or more; the lowest objective that works is 0.926",
            "api: SLO 'api_out': objective 1.0 must be between 0 and 1 exclusive (0.999 is 99.9%)",
        ])
    }

    @Test("an alert with a PromQL syntax error, an unknown label and an undeclared metric")
    func alertExpression() {
        let alert = AlertDeclaration(
            "ApiBroken", severity: .warning, expr: "sum(rate(\(Self.stray)[5m]) > \(Self.requests.matching("route", .equal("/")))",
            summary: "s", description: "d", tests: Self.okTests)
        #expect(Self.problems(Self.catalog(alerts: [alert])) == [
            "api: alert 'ApiBroken' (warning): expr references metric 'api_stray', which no catalog declares; add its declaration to a catalog's metrics",
            "api: alert 'ApiBroken' (warning): expr matches label 'route', which 'api_requests' does not have (labels: code, instance, job)",
            """
            api: alert 'ApiBroken' (warning): expr unexpected end of input in aggregation "sum", expected ")" (at character 62)
                      sum(rate(api_stray_total[5m]) > api_requests_total{route="/"}
                                                                                   ^
            """,
        ])
    }

    @Test("an alert without tests, runbook, PascalCase name or a valid tier")
    func alertShape() {
        let alert = AlertDeclaration("api_down", summary: "", description: "d",
                                     conditions: [.warning("up == 0"), .warning("up < 1", labels: ["severity": "x"])], tests: [])
        #expect(Self.problems(Self.catalog(alerts: [alert]), runbooks: false) == [
            "api: alert 'api_down': alert names are PascalCase letters and digits, such as 'HTTPErrorsHigh'",
            "api: alert 'api_down': summary is empty; write the one line a responder reads first",
            "api: alert 'api_down': has no runbook URL; pass runbookBaseURL to CatalogSet (for the generated runbook pages) or set runbookURL on the alert",
            "api: alert 'api_down' (warning): two conditions have this severity; each severity appears once per alert",
            "api: alert 'api_down' (warning): label 'severity' is set by the generator; remove it from labels",
            "api: alert 'api_down': has no silent test; add .silent(...) proving it stays quiet when the service is healthy",
            "api: alert 'api_down': no test proves the warning condition fires; add .fires(.warning, when: ..., at: ..., given: ...)",
        ])
    }

    @Test("alert tests with bad series, an unexpected severity and an unrenderable annotation")
    func alertTests() {
        let alert = AlertDeclaration(
            "ApiSlow", severity: .warning, expr: "\(Self.requests.rate5m) > 1",
            summary: "{{ $labels.route }} slow", description: "value {{ $value }}",
            tests: [
                .silent("quiet", at: .minutes(5), given: [Self.requests.series("1 two 3")]),
                .fires(.warning, .critical, when: "busy", at: .minutes(5), given: [Self.stray.series("0+1x10")]),
            ])
        #expect(Self.problems(Self.catalog(alerts: [alert])) == [
            "api: alert 'ApiSlow' (warning): expr keeps only the labels [job], but the alert's annotations or Alertmanager routing use [route]; keep them in the aggregation (sum by (job, route) (...)) or stop using them",
            "api: alert 'ApiSlow' test 'quiet': series api_requests_total values '1 two 3': 'two' is not promtool notation (a number, 'a+bxN', 'axN', '_', '_xN' or 'stale')",
            "api: alert 'ApiSlow' test 'busy': expects a critical alert, but the alert has no critical condition",
            "api: alert 'ApiSlow' test 'busy': series references metric 'api_stray', which no catalog declares; add its declaration to a catalog's metrics",
            "api: alert 'ApiSlow' test 'busy': cannot derive the expected summary: '{{ $labels.route }}' names label 'route', which the firing alert does not carry (labels: instance, job, severity)",
            "api: alert 'ApiSlow' test 'busy': cannot derive the expected description: '{{ $value }}' depends on the evaluated value; give the rendered text in the test's annotations:",
        ])
    }

    @Test("chart hints: unknown dashboard, unit, width, legend label and panel kind")
    func charts() {
        let gauge = GaugeDeclaration("api_queue", help: "Queue.", labelNames: ["shard"],
                                     chart: Chart(row: "", kind: .heatmap, unit: "sec", legend: "{{pod}}", thresholds: .above(warning: 5, critical: 1), width: 30, dashboard: "nope"))
        #expect(Self.problems(Self.catalog(metrics: [gauge])) == [
            "api: metric 'api_queue': chart dashboard 'nope' is not one of the catalog's dashboards (api)",
            "api: metric 'api_queue': the chart row is empty; name the row or pass nil for 'Metrics'",
            "api: metric 'api_queue': chart width 30 is outside 1–24 (the Grafana grid has 24 columns)",
            "api: metric 'api_queue': 'sec' is not a Grafana unit id; use one such as s, ms, bytes, reqps, ops, percentunit, short (or a custom 'suffix:<text>')",
            "api: metric 'api_queue': thresholds must ascend, but 1.0 follows 5.0",
            "api: metric 'api_queue': only histograms can be drawn as heatmaps",
            "api: metric 'api_queue': legend '{{pod}}' uses {{pod}}, but the panel keeps only [shard, instance]; add 'pod' to the chart's by: or drop it from the legend",
        ])
    }

    @Test("alerts reading the recorded series of a ratio or SLO no catalog declares")
    func undeclaredRecordings() {
        let ratio = RatioDeclaration("api_errors", help: "Errors.", numerator: Self.requests.matching("code", .regex("5..")), denominator: Self.requests)
        let slo = ServiceLevelObjective.latency("api_fast", objective: 0.99, histogram: Self.latency, threshold: 0.5)
        let alert = AlertDeclaration("ApiErrors", severity: .warning, expr: "\(ratio.recorded) > 0.1 or \(slo.errorBudgetRemaining) < 0",
                                     summary: "s", description: "d", tests: Self.okTests)
        #expect(Self.problems(Self.catalog(alerts: [alert])) == [
            "api: alert 'ApiErrors' (warning): expr uses the recorded ratio 'job:api_errors:ratio_rate5m', but no catalog declares ratio 'api_errors'; add it to a catalog's ratios",
            "api: alert 'ApiErrors' (warning): expr uses 'job:api_fast_error_budget_remaining:ratio', but no catalog declares SLO 'api_fast'; add it to a catalog's objectives",
        ])
    }

    @Test("a dashboard no panel goes on")
    func emptyDashboard() {
        let catalog = MetricCatalog("api", title: "API", dashboards: [DashboardDeclaration("api", title: "API"), DashboardDeclaration("api_extra", title: "Extra")],
                                    metrics: [Self.requests])
        #expect(Self.problems(catalog) == [
            "api: dashboard 'api_extra': no panel goes on it; point a chart at it (dashboard: \"api_extra\") or remove the dashboard",
        ])
    }

    @Test("module, dashboard file and uid problems")
    func dashboards() {
        let long = String(repeating: "x", count: 41)
        let first = MetricCatalog("API", title: "API", dashboards: [DashboardDeclaration("api dash", title: "A", uid: long)], metrics: [Self.requests])
        let second = MetricCatalog("web", title: "Web", dashboards: [DashboardDeclaration("api dash", title: "W", uid: long)], metrics: [Self.latency])
        #expect(Self.problems(first, second) == [
            "API: module 'API': module names must match [a-z][a-z0-9_]* (they name the rule files); rename it, for example to 'api'",
            "API: dashboard 'api dash': dashboard file names must match [a-z0-9_-]+ (they become dashboards/<file>.json)",
            "API: dashboard 'api dash': uid '\(long)' must be 1–40 characters of [A-Za-z0-9_-] (Grafana's limit); pass a shorter uid:",
            "web: dashboard 'api dash': dashboard file names must match [a-z0-9_-]+ (they become dashboards/<file>.json)",
            "web: dashboard 'api dash': uid '\(long)' must be 1–40 characters of [A-Za-z0-9_-] (Grafana's limit); pass a shorter uid:",
            "web: dashboard 'api dash': catalog 'API' already writes dashboards/api dash.json; choose another file name",
            "web: dashboard 'api dash': uid '\(long)' is already used by a dashboard of catalog 'API'; uids must be unique",
        ])
    }

    @Test("generation fails listing every problem and writes nothing")
    func writesNothing() throws {
        let bad = Self.catalog(metrics: [CounterDeclaration("api-errors", help: ""), GaugeDeclaration("api_wait_seconds", help: "w", unit: .bytes)])
        let folder = try RepositoryPaths.temporaryDirectory(prefix: "lookout-invalid")
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in ["dashboards", "alerts"] {
            let result = CatalogCommand.run([command, "--output", folder.path], catalogs: CatalogSet([bad], runbookBaseURL: "https://x"))
            #expect(result.exitCode == 2)
            #expect(result.output == "")
            #expect(result.errors == """
                error: the metric catalogs have 2 problems; fix them and generate again (nothing was written)
                  - api: metric 'api-errors': names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with '__' (colons are reserved for recording rules)
                  - api: metric 'api_wait_seconds': the name ends in '_seconds' but the declared unit is 'bytes'; declare unit: .seconds, or rename it to 'api_wait_bytes' if it really counts bytes

                """)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }
}
