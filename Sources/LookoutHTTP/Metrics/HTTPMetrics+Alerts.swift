import LookoutCatalog

/// The HTTP server's alerts, each with the `promtool` cases proving when it fires. The SLO
/// burn-rate alerts (``HTTPMetrics/availability``, ``HTTPMetrics/latency``) are generated
/// from the objectives and need no declaration here.
extension HTTPMetrics {
    /// Too many requests fail with a server error.
    public static let errorsHigh = AlertDeclaration(
        "HTTPErrorsHigh",
        summary: "{{ $labels.job }} answers too many HTTP requests with 5xx",
        description: "More than 5% (warning, for 10 minutes) or 20% (critical, for 5 minutes) of {{ $labels.job }}'s HTTP requests were answered with a server error.",
        conditions: [
            .warning("\(errors.recorded) > 0.05", for: .minutes(10)),
            .critical("\(errors.recorded) > 0.2", for: .minutes(5)),
        ],
        tests: [
            .silent("1% of requests fail", at: .minutes(20), given: [succeeded("0+99x30"), failed("0+1x30")]),
            .fires(.warning, when: "10% of requests fail for 10 minutes", at: .minutes(20), labels: ["job": "app"],
                   given: [succeeded("0+90x30"), failed("0+10x30")]),
            .fires(.warning, .critical, when: "half the requests fail", at: .minutes(20), labels: ["job": "app"],
                   given: [succeeded("0+50x30"), failed("0+50x30")]),
            .silent("a one-minute burst of errors stays pending", at: .minutes(14),
                    given: [succeeded("0+50x30"), failed("0x10 500x20")]),
        ],
        response: "Open the HTTP dashboard: the requests panel shows which routes and statuses fail. A single failing route usually means its upstream (or its handler) fails; every route failing means the process itself is unwell (check the handler errors panel and the logs). `499` is not counted: those clients left early.")

    /// The server nears its connection limit, or already refuses connections.
    public static let connectionsSaturated = AlertDeclaration(
        "HTTPConnectionsSaturated",
        summary: "{{ $labels.instance }} ({{ $labels.job }}) is at its HTTP connection limit",
        description: "{{ $labels.instance }} uses more than 80% of its HTTP connection limit (warning, for 10 minutes) or refuses connections with 503 (critical, for 5 minutes).",
        conditions: [
            .warning("\(connectionUsage.recorded) > 0.8", for: .minutes(10)),
            .critical("rate(\(connectionsRejected)[5m]) > 0", for: .minutes(5)),
        ],
        tests: [
            .silent("half the limit in use", at: .minutes(20),
                    given: [connectionsOpen.series("512x30"), connectionsLimit.series("1024x30"), connectionsRejected.series("0x30")]),
            .fires(.warning, when: "90% of the limit in use for 10 minutes", at: .minutes(20),
                   given: [connectionsOpen.series("920x30"), connectionsLimit.series("1024x30"), connectionsRejected.series("0x30")]),
            .fires(.warning, .critical, when: "at the limit and refusing connections", at: .minutes(20),
                   given: [connectionsOpen.series("1024x30"), connectionsLimit.series("1024x30"), connectionsRejected.series("0+5x30")]),
            .fires(.critical, when: "bursts beyond the limit are refused", at: .minutes(20),
                   given: [connectionsOpen.series("300x30"), connectionsLimit.series("1024x30"), connectionsRejected.series("0+2x30")]),
        ],
        response: "Compare open connections with request rate: many idle keep-alive connections point at clients that never close theirs (lower the idle timeout); many busy ones at slow handlers (check the latency panels). Raise `maxConnections` (and the file-descriptor limit) only when the load is legitimate.")

    private static func succeeded(_ values: String) -> TestSeries {
        requests.matching("status", .equal("200")).series(values, labels: ["method": "GET", "route": "/api/v1/health"])
    }

    private static func failed(_ values: String) -> TestSeries {
        requests.matching("status", .equal("500")).series(values, labels: ["method": "GET", "route": "/api/v1/health"])
    }
}
