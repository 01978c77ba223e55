import LookoutMetrics
import Testing

@Suite struct PrometheusNamesTests {
    @Test(arguments: [
        ("http.server.request.duration", "http_server_request_duration"),
        ("cache-hits", "cache_hits"),
        ("requests in flight", "requests_in_flight"),
        ("température", "temp_rature"),
        ("日本", "_"),
        ("emoji🙂count", "emoji_count"),
        ("5xx_responses", "_5xx_responses"),
        ("__name__", "_name__"),
        ("___internal", "_internal"),
        ("ns:metric", "ns_metric"),
        ("", "unnamed"),
        ("already_valid_Name9", "already_valid_Name9"),
    ])
    func metricNames(input: String, expected: String) {
        #expect(PrometheusNames.metricName(input) == expected)
    }

    @Test(arguments: [
        ("http.route", "http_route"),
        ("le", "_le"),
        ("quantile", "_quantile"),
        ("__name__", "_name__"),
        ("", "dimension"),
        ("error-type", "error_type"),
        ("1st", "_1st"),
        ("ünïcode", "_n_code"),
        ("lee", "lee"),
    ])
    func labelNames(input: String, expected: String) {
        #expect(PrometheusNames.labelName(input) == expected)
    }
}
