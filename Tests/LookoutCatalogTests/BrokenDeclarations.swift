@testable import LookoutCatalog
@testable import LookoutCatalogGenerator

/// The corpus of broken declarations: each case is a catalog set with mistakes a module
/// author makes, and a fragment of the problem (with its fix) that must be reported.
/// ``BrokenDeclarationTests`` runs each through the catalog command and checks that it
/// fails, lists every problem with its declaration, and writes nothing.
enum BrokenDeclarations {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let set: CatalogSet
        /// Fragments every one of which must appear in the error output.
        let expected: [String]
        var description: String { name }
    }

    // A small, valid module the cases break one thing of at a time.
    static let requests = CounterDeclaration("orders_requests", help: "Order requests.", labelNames: ["code"])
    static let latency = HistogramDeclaration("orders_latency_seconds", help: "Order latency.", unit: .seconds, buckets: [0.1, 0.25, 1])
    static let queue = GaugeDeclaration("orders_queue_depth", help: "Orders waiting.")
    static let metrics: [any MetricDeclaration] = [requests, latency, queue]
    static let errors = requests.matching("code", .regex("5.."))
    static let quiet: AlertTest = .silent("quiet", at: .minutes(20), given: [requests.series("0+10x30")])
    static func fires(_ severity: AlertSeverity = .warning, at time: PromDuration = .minutes(20), labels: [String: String] = ["job": "app"]) -> AlertTest {
        .fires(severity, when: "errors", at: time, labels: labels, given: [errors.series("0+10x30"), requests.series("0+10x30")])
    }

    static func set(metrics: [any MetricDeclaration] = metrics, ratios: [RatioDeclaration] = [], alerts: [AlertDeclaration] = [],
                    objectives: [ServiceLevelObjective] = [], dashboards: [DashboardDeclaration] = [], module: String = "orders",
                    runbooks: String? = "https://runbooks.orders.internal", extra: [MetricCatalog] = []) -> CatalogSet {
        CatalogSet([MetricCatalog(module, title: "Orders", dashboards: dashboards, metrics: metrics, ratios: ratios, alerts: alerts, objectives: objectives)] + extra,
                   runbookBaseURL: runbooks)
    }

    static func alert(_ expr: PromQL, for duration: PromDuration? = nil, summary: String = "{{ $labels.job }} fails orders",
                      tests: [AlertTest] = [quiet, fires()]) -> CatalogSet {
        set(alerts: [AlertDeclaration("OrdersFailing", severity: .warning, expr: expr, for: duration, summary: summary,
                                      description: "Orders fail.", tests: tests)])
    }

    static func expression(_ name: String, _ expr: PromQL, _ expected: String...) -> Case {
        Case(name: name, set: alert(expr), expected: expected)
    }

    static let cases: [Case] = promql + names + metricCases + unitCases + alertCases + objectiveCases + chartCases

    /// PromQL that Prometheus rejects (each would otherwise reach promtool).
    static let promql: [Case] = [
        expression("shift operator", "sum by (job) (rate(\(errors)[5m])) >> 1", #"unexpected ">""#),
        expression("bad duration 5mm", "sum by (job) (rate(\(errors)[5mm])) > 1", #"bad duration syntax: "5mm""#),
        expression("an for and", "sum by (job) (rate(\(errors)[5m])) > 1 an sum by (job) (rate(\(requests)[5m])) > 0", #"unexpected identifier "an""#),
        expression("unknown function", "sum by (job) (rte(\(errors)[5m])) > 1", #"unknown function with name "rte"; did you mean "rate"?"#),
        expression("rate without range", "sum by (job) (rate(\(errors))) > 1", "expected type range vector in call to function \"rate\""),
        expression("range at top level", "\(errors)[5m]", "expression must evaluate to an instant vector or a scalar"),
        expression("unbalanced parenthesis", "sum by (job) (rate(\(errors)[5m]) > 1", "expected \")\""),
        expression("scalar comparison without bool", "1 > 2", "comparisons between scalars must use BOOL modifier"),
        expression("set operator with scalar", "sum by (job) (rate(\(errors)[5m])) and 1", "set operator \"and\" not allowed in binary scalar expression"),
        expression("group_left on a set operator", "sum by (job) (rate(\(errors)[5m])) and on(job) group_left sum by (job) (rate(\(requests)[5m]))", "no grouping allowed for \"and\" operation"),
        expression("offset on an aggregation", "sum by (job) (rate(\(errors)[5m])) offset 5m > 1", "offset modifier must be preceded by"),
        expression("zero range", "sum by (job) (rate(\(errors)[0s])) > 1", "duration must be greater than 0"),
        expression("unit-less range", "sum by (job) (rate(\(errors)[5])) > 1", "missing unit character in duration"),
        expression("wrong aggregation parameter", "topk(\"x\", sum by (job) (rate(\(errors)[5m]))) > 1", "expected type scalar in aggregation parameter"),
        expression("function argument count", "sum by (job) (clamp(rate(\(errors)[5m]), 0)) > 1", "expected 3 arguments in call to \"clamp\", got 2"),
        expression("bad regex", "sum by (job) (rate(orders_requests_total{code=~\"5(\"}[5m])) > 1", "invalid regular expression"),
        expression("unterminated string", "sum by (job) (rate(orders_requests_total{code=\"5}[5m])) > 1", "unterminated quoted string"),
        expression("empty selector", "sum by (job) (rate({code=\"\"}[5m])) > 1", "vector selector must contain at least one non-empty matcher"),
    ]

    /// Names an expression types instead of interpolating.
    static let names: [Case] = [
        expression("misspelt metric", "orders_queue_dept > 100", "'orders_queue_dept' is not a declared metric", "did you mean 'orders_queue_depth'?"),
        expression("histogram without suffix", "sum by (job) (rate(orders_latency_seconds[5m])) > 1", "'orders_latency_seconds' is not a declared metric", "did you mean"),
        expression("counter without _total", "sum by (job) (rate(orders_requests[5m])) > 1", "'orders_requests' is not a declared metric", "did you mean 'orders_requests_total'?"),
        expression("undeclared recording rule", "job:orders_requests:rate1m > 1", "'job:orders_requests:rate1m' is not a declared metric", "did you mean 'job:orders_requests:rate5m'?"),
        expression("rate of a gauge", "sum by (job) (rate(\(queue)[5m])) > 1", "rate() of 'orders_queue_depth', a gauge", "use deriv() or delta()"),
        expression("increase of a gauge", "sum by (job) (increase(\(queue)[1h])) > 1", "increase() of 'orders_queue_depth', a gauge"),
        expression("rate of a rate", "rate(\(requests.rate5m)[5m]) > 1", "a recording rule that is already a per-second rate; use it directly"),
        expression("undeclared interpolated metric", "sum by (job) (rate(\(CounterDeclaration("orders_stray", help: "Stray."))[5m])) > 1",
                   "references metric 'orders_stray', which no catalog declares"),
        expression("undeclared label", "sum by (job) (rate(\(requests.matching("route", .equal("/")))[5m])) > 1", "matches label 'route', which 'orders_requests' does not have"),
    ]

    /// Metric declarations.
    static let metricCases: [Case] = [
        Case(name: "invalid metric name", set: set(metrics: [CounterDeclaration("orders-requests", help: "x")]), expected: ["names must match [a-zA-Z_][a-zA-Z0-9_]*"]),
        Case(name: "empty help", set: set(metrics: [GaugeDeclaration("orders_queue_depth", help: "")]), expected: ["help must not be empty"]),
        Case(name: "duplicate label", set: set(metrics: [CounterDeclaration("orders_requests", help: "x", labelNames: ["code", "code"])]), expected: ["code"]),
        Case(name: "reserved label le on a histogram", set: set(metrics: [HistogramDeclaration("orders_size_bytes", help: "x", unit: .bytes, labelNames: ["le"])]), expected: ["le"]),
        Case(name: "descending buckets", set: set(metrics: [HistogramDeclaration("orders_latency_seconds", help: "x", unit: .seconds, buckets: [1, 0.5])]), expected: ["buckets [1, 0.5]"]),
        Case(name: "empty state set", set: set(metrics: [StateSetDeclaration("orders_breaker", help: "x", states: [])]), expected: ["a state set needs 1–64 states"]),
        Case(name: "info without labels", set: set(metrics: [InfoDeclaration("orders_build", help: "x", labelNames: [])]), expected: ["declare at least one label"]),
        Case(name: "metric declared twice with different help", set: set(extra: [MetricCatalog("billing", title: "Billing", metrics: [CounterDeclaration("orders_requests", help: "Other.", labelNames: ["code"])])]),
             expected: ["'orders_requests' is also declared by catalog 'orders' (with a different help ('Other.' here, 'Order requests.' declared))"]),
        Case(name: "reference to a different declaration of a metric",
             set: set(ratios: [RatioDeclaration("orders_errors", help: "x", numerator: CounterDeclaration("orders_requests", help: "Other.", labelNames: ["code"]).matching("code", .regex("5..")), denominator: requests)]),
             expected: ["whose help ('Other.' here, 'Order requests.' declared) differs"]),
        Case(name: "invalid module name", set: set(module: "Orders Service"), expected: ["module names must match [a-z][a-z0-9_]*"]),
        Case(name: "dashboard without panels", set: set(dashboards: [DashboardDeclaration("orders", title: "Orders"), DashboardDeclaration("empty", title: "Empty")]),
             expected: ["no panel goes on it"]),
        Case(name: "uid too long", set: set(dashboards: [DashboardDeclaration("orders", title: "Orders", uid: String(repeating: "u", count: 41))]), expected: ["must be 1–40 characters"]),
    ]

    /// Units.
    static let unitCases: [Case] = [
        Case(name: "milliseconds", set: set(metrics: [HistogramDeclaration("orders_latency_milliseconds", help: "x")]),
             expected: ["'milliseconds' is not a base unit; rename it to 'orders_latency_seconds', declare unit: .seconds and record seconds (divide by 1000)"]),
        Case(name: "milliseconds with unit seconds", set: set(metrics: [HistogramDeclaration("orders_latency_milliseconds", help: "x", unit: .seconds)]),
             expected: ["rename it to 'orders_latency_seconds'"]),
        Case(name: "kilobytes", set: set(metrics: [GaugeDeclaration("orders_payload_kilobytes", help: "x")]), expected: ["rename it to 'orders_payload_bytes', declare unit: .bytes"]),
        Case(name: "percent", set: set(metrics: [GaugeDeclaration("orders_cpu_percent", help: "x")]), expected: ["rename it to 'orders_cpu_ratio', declare unit: .ratio and record a ratio from 0 to 1"]),
        Case(name: "seconds counter without unit", set: set(metrics: [CounterDeclaration("orders_busy_seconds_total", help: "x")]),
             expected: ["the name ends in '_seconds', so declare unit: .seconds"]),
        Case(name: "bytes gauge without unit", set: set(metrics: [GaugeDeclaration("orders_cache_bytes", help: "x")]), expected: ["declare unit: .bytes"]),
        Case(name: "unit not in the name", set: set(metrics: [GaugeDeclaration("orders_cache_size", help: "x", unit: .bytes)]), expected: ["requires the name to end in '_bytes'"]),
    ]

    /// Alerts and their tests.
    static let alertCases: [Case] = [
        Case(name: "firing test before for", set: alert("sum by (job) (rate(\(errors)[5m])) > 0", for: .minutes(10), tests: [quiet, fires(at: .minutes(3))]),
             expected: ["expects the warning alert firing at 3m, but with for: 10m and a range needing a second sample (1m) it cannot fire before 11m; evaluate at 11m or later"]),
        Case(name: "no silent test", set: alert("sum by (job) (rate(\(errors)[5m])) > 0", tests: [fires()]), expected: ["has no silent test"]),
        Case(name: "no firing test", set: alert("sum by (job) (rate(\(errors)[5m])) > 0", tests: [quiet]), expected: ["no test proves the warning condition fires"]),
        Case(name: "annotation label dropped by the aggregation", set: alert("sum by (job) (rate(\(errors)[5m])) > 0", summary: "{{ $labels.instance }} fails"),
             expected: ["expr keeps only the labels [job], but the alert's annotations or Alertmanager routing use [instance]"]),
        Case(name: "routing label dropped by the aggregation", set: alert("sum(rate(\(errors)[5m])) > 0", summary: "orders fail", tests: [quiet, fires(labels: [:])]),
             expected: ["routing use [job]; keep them in the aggregation (sum by (job) (...))"]),
        Case(name: "no runbook", set: set(alerts: [AlertDeclaration("OrdersFailing", severity: .warning, expr: "sum by (job) (rate(\(errors)[5m])) > 0", summary: "s", description: "d", tests: [quiet, fires()])], runbooks: nil),
             expected: ["has no runbook URL"]),
        Case(name: "alert name not PascalCase", set: set(alerts: [AlertDeclaration("orders_failing", severity: .warning, expr: "sum by (job) (rate(\(errors)[5m])) > 0", summary: "s", description: "d", tests: [quiet, fires()])]),
             expected: ["alert names are PascalCase"]),
        Case(name: "empty summary", set: set(alerts: [AlertDeclaration("OrdersFailing", severity: .warning, expr: "sum by (job) (rate(\(errors)[5m])) > 0", summary: "", description: "d", tests: [quiet, fires()])]),
             expected: ["summary is empty"]),
        Case(name: "severity label set by hand", set: set(alerts: [AlertDeclaration("OrdersFailing", severity: .warning, expr: "sum by (job) (rate(\(errors)[5m])) > 0", labels: ["severity": "page"], summary: "s", description: "d", tests: [quiet, fires()])]),
             expected: ["label 'severity' is set by the generator"]),
        Case(name: "bad promtool series notation", set: alert("sum by (job) (rate(\(errors)[5m])) > 0", tests: [.silent("quiet", at: .minutes(5), given: [requests.series("1 two 3")]), fires()]),
             expected: ["'two' is not promtool notation"]),
        Case(name: "test expecting a severity the alert lacks", set: alert("sum by (job) (rate(\(errors)[5m])) > 0", tests: [quiet, fires(), fires(.critical)]),
             expected: ["expects a critical alert, but the alert has no critical condition"]),
        Case(name: "alert declared twice", set: set(alerts: [AlertDeclaration("OrdersFailing", severity: .warning, expr: "sum by (job) (rate(\(errors)[5m])) > 0", summary: "s", description: "d", tests: [quiet, fires()])],
                                                    extra: [MetricCatalog("billing", title: "Billing", metrics: [], alerts: [AlertDeclaration("OrdersFailing", severity: .warning, expr: "sum by (job) (rate(\(errors)[5m])) > 0", summary: "s", description: "d", tests: [quiet, fires()])])]),
             expected: ["catalog 'orders' declares an alert with this name"]),
    ]

    /// Service-level objectives.
    static let objectiveCases: [Case] = [
        Case(name: "objective that can never page", set: set(objectives: [.availability("orders_availability", objective: 0.9, bad: errors, total: requests)]),
             expected: ["objective 0.9 can never page", "the lowest objective that works is 0.926"]),
        Case(name: "objective of 1", set: set(objectives: [.availability("orders_availability", objective: 1, bad: errors, total: requests)]), expected: ["must be between 0 and 1 exclusive"]),
        Case(name: "latency threshold not a bucket bound", set: set(objectives: [.latency("orders_latency", objective: 0.99, histogram: latency, threshold: 0.3)]),
             expected: ["threshold 0.3 is not a bucket bound of 'orders_latency_seconds'; use one of 0.1, 0.25, 1"]),
        Case(name: "SLO over a gauge", set: set(objectives: [.availability("orders_availability", objective: 0.99, bad: queue, total: requests)]), expected: ["must be a counter"]),
        Case(name: "SLO without runbook", set: set(objectives: [.availability("orders_availability", objective: 0.99, bad: errors, total: requests)], runbooks: nil),
             expected: ["its burn-rate alert 'OrdersAvailabilityErrorBudgetBurn' has no runbook URL"]),
        Case(name: "SLO events indistinguishable from the total", set: set(objectives: [.availability("orders_availability", objective: 0.99, bad: requests, total: requests)]),
             expected: ["selects the same series as the total"]),
        Case(name: "invalid SLO name", set: set(objectives: [.availability("Orders-Availability", objective: 0.99, bad: errors, total: requests)]), expected: ["SLO names must match [a-z][a-z0-9_]*"]),
    ]

    /// Presentation hints.
    static let chartCases: [Case] = [
        Case(name: "unknown Grafana unit", set: set(metrics: [GaugeDeclaration("orders_queue_depth", help: "x", chart: .stat(unit: "sec"))]), expected: ["'sec' is not a Grafana unit id"]),
        Case(name: "legend label not kept", set: set(metrics: [CounterDeclaration("orders_requests", help: "x", labelNames: ["code"], chart: .timeseries(legend: "{{route}}"))]),
             expected: ["legend '{{route}}' uses {{route}}, but the panel keeps only [code]"]),
        Case(name: "chart width over 24", set: set(metrics: [GaugeDeclaration("orders_queue_depth", help: "x", chart: .stat(width: 30))]), expected: ["chart width 30 is outside 1–24"]),
        Case(name: "heatmap of a gauge", set: set(metrics: [GaugeDeclaration("orders_queue_depth", help: "x", chart: Chart(kind: .heatmap))]), expected: ["only histograms can be drawn as heatmaps"]),
        Case(name: "unknown chart dashboard", set: set(metrics: [GaugeDeclaration("orders_queue_depth", help: "x", chart: .stat(dashboard: "nope"))]), expected: ["chart dashboard 'nope' is not one of the catalog's dashboards"]),
        Case(name: "descending thresholds", set: set(metrics: [GaugeDeclaration("orders_queue_depth", help: "x", chart: .stat(thresholds: .above(warning: 10, critical: 5)))]), expected: ["thresholds must ascend"]),
        Case(name: "ratio mixing counters and gauges", set: set(ratios: [RatioDeclaration("orders_mixed", help: "x", numerator: requests, denominator: queue)]), expected: ["mixes counters and gauges"]),
        Case(name: "ratio by an unknown label", set: set(ratios: [RatioDeclaration("orders_errors", help: "x", numerator: errors, denominator: requests, by: ["route"])]), expected: ["by label 'route' is not a label of 'orders_requests'"]),
    ]
}
