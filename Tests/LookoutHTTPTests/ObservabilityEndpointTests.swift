import Lookout
import Testing
@testable import LookoutHTTP

@Suite("/metrics and health endpoints over real sockets")
struct ObservabilityEndpointTests {
    /// A router with the observability routes over `registry` and `monitor`.
    private func router(_ registry: Registry, _ monitor: HealthMonitor) -> HTTPRouter {
        var router = HTTPRouter()
        router.addObservabilityRoutes(metrics: MetricsEndpoint(registry: registry), health: HealthEndpoint(monitor: monitor))
        return router
    }

    private func sampleRegistry() throws -> Registry {
        let registry = Registry()
        try registry.counterFamily("jobs", help: "Jobs done.", labelNames: ["queue"]).labels("mail").inc(by: 3)
        return registry
    }

    private func request(_ port: Int, _ target: String, _ headers: String = "", head: Bool = false) async throws -> RawResponse {
        let client = try RawClient(port: port)
        try await client.send("\(head ? "HEAD" : "GET") \(target) HTTP/1.1\r\nHost: t\r\n\(headers)\r\n")
        return try await client.readResponse(head: head)
    }

    @Test func metricsAreNegotiatedLikeTheCore() async throws {
        let registry = try sampleRegistry()
        try await withServer(router: router(registry, HealthMonitor(version: "1.0"))) { _, port in
            let text = try await request(port, "/metrics")
            #expect(text.status == 200)
            #expect(text.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(text.header("Vary") == "Accept, Accept-Encoding")
            #expect(text.header("Content-Encoding") == nil)
            #expect(text.text == "# HELP jobs_total Jobs done.\n# TYPE jobs_total counter\njobs_total{queue=\"mail\"} 3\n")

            let prometheusAccept = "Accept: application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1\r\n"
            let openMetrics = try await request(port, "/metrics", prometheusAccept)
            #expect(openMetrics.header("Content-Type") == "application/openmetrics-text; version=1.0.0; charset=utf-8")
            #expect(openMetrics.text.hasPrefix("# TYPE jobs counter\n# HELP jobs Jobs done.\njobs_total{queue=\"mail\"} 3\n"))
            #expect(openMetrics.text.hasSuffix("# EOF\n"))

            let compressed = try await request(port, "/metrics", "Accept-Encoding: gzip\r\n")
            #expect(compressed.header("Content-Encoding") == "gzip")
            #expect(compressed.body.prefix(2) == [0x1F, 0x8B])

            let sameContent = try await request(port, "/api/v1/health/metrics")
            #expect(sameContent.text == text.text)
            let head = try await request(port, "/metrics", head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == String(text.body.count))
        }
    }

    @Test func theFormatParameterOverridesAccept() async throws {
        let registry = try sampleRegistry()
        try await withServer(router: router(registry, HealthMonitor(version: "1.0"))) { _, port in
            let forcedText = try await request(port, "/metrics?format=prometheus", "Accept: application/openmetrics-text\r\n")
            #expect(forcedText.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            let forcedOpenMetrics = try await request(port, "/metrics?format=openmetrics")
            #expect(forcedOpenMetrics.header("Content-Type") == "application/openmetrics-text; version=1.0.0; charset=utf-8")
            let bad = try await request(port, "/metrics?format=json")
            #expect(bad.status == 400)
            #expect(bad.header("Content-Type") == "application/problem+json")
            #expect(bad.text == #"{"type":"about:blank","title":"Bad Request","status":400,"detail":"format must be 'openmetrics' or 'prometheus' (text 0.0.4), got 'json'"}"#)
        }
    }

    @Test func healthAndReadinessFollowComponentsAndPhase() async throws {
        let monitor = HealthMonitor(version: "2.1.0")
        let cache = HealthIndicator(name: "cache")
        monitor.register(cache)
        try await withServer(router: router(Registry(), monitor)) { _, port in
            var ready = try await request(port, "/api/v1/health/ready")
            #expect(ready.status == 503)
            #expect(ready.text == #"{"ready":false,"phase":"starting","status":"ok"}"#)
            monitor.markServing()
            ready = try await request(port, "/api/v1/health/ready")
            #expect(ready.status == 200)
            #expect(ready.header("Cache-Control") == "no-store")
            #expect(ready.text == #"{"ready":true,"phase":"serving","status":"ok"}"#)

            cache.update(.degraded, detail: "serving stale data")
            let degraded = try await request(port, "/api/v1/health")
            #expect(degraded.status == 200)
            #expect(degraded.header("Content-Type") == "application/json")
            #expect(degraded.text.hasPrefix(#"{"status":"degraded","version":"2.1.0","uptime_seconds":"#))
            #expect(degraded.text.hasSuffix(#","components":{"cache":{"status":"degraded","detail":"serving stale data"}}}"#))
            #expect(try await request(port, "/api/v1/health/ready").status == 200, "degraded is still ready")

            cache.update(.down)
            #expect(try await request(port, "/api/v1/health").status == 503)
            #expect(try await request(port, "/api/v1/health/ready").text == #"{"ready":false,"phase":"serving","status":"down"}"#)

            cache.update(.ok)
            monitor.markDraining()
            let draining = try await request(port, "/api/v1/health/ready")
            #expect(draining.status == 503)
            #expect(draining.text == #"{"ready":false,"phase":"draining","status":"ok"}"#)
            #expect(try await request(port, "/api/v1/health").status == 200, "draining is alive")
        }
    }
}
