import Lookout
import LookoutTesting
import Testing
@testable import LookoutHTTP

@Suite("HTTP metrics recorded by a real server")
struct HTTPMetricsObserverTests {
    @Test func everyFamilyIsExposedFromTheStart() throws {
        let registry = Registry()
        _ = try HTTPMetricsObserver(registry: registry, maxConnections: 64)
        #expect(String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self) == """
            # HELP http_connections_limit The most HTTP connections served at once; more are refused with 503.
            # TYPE http_connections_limit gauge
            http_connections_limit 64
            # HELP http_connections_open HTTP connections open.
            # TYPE http_connections_open gauge
            http_connections_open 0
            # HELP http_connections_rejected_total HTTP connections refused with 503 at the connection limit.
            # TYPE http_connections_rejected_total counter
            http_connections_rejected_total 0
            # HELP http_handler_errors_total Errors thrown by HTTP handlers and middleware, by route template.
            # TYPE http_handler_errors_total counter
            # HELP http_request_duration_seconds Time to answer an HTTP request, from its parsed head to its queued response.
            # TYPE http_request_duration_seconds histogram
            # HELP http_request_size_bytes HTTP request body sizes, by method and route template.
            # TYPE http_request_size_bytes histogram
            # HELP http_requests_total HTTP requests answered, by method, route template and status code.
            # TYPE http_requests_total counter
            # HELP http_requests_in_flight HTTP requests being handled.
            # TYPE http_requests_in_flight gauge
            http_requests_in_flight 0
            # HELP http_response_size_bytes HTTP response body sizes, by method and route template.
            # TYPE http_response_size_bytes histogram
            # HELP http_timeouts_total HTTP connections closed by a timeout, by kind (header, body, idle, write).
            # TYPE http_timeouts_total counter
            http_timeouts_total{kind="header"} 0
            http_timeouts_total{kind="body"} 0
            http_timeouts_total{kind="idle"} 0
            http_timeouts_total{kind="write"} 0

            """)
        // Registering again (a second server on the same registry) reuses the families.
        _ = try HTTPMetricsObserver(registry: registry, maxConnections: 64)
    }

    @Test func requestsAreCountedByMethodRouteTemplateAndStatus() async throws {
        let registry = Registry()
        let observer = try HTTPMetricsObserver(registry: registry, maxConnections: 64)
        try await withServer(configure: { $0.observer = observer }) { _, port in
            let client = try RawClient(port: port)
            for path in ["/items/1", "/items/2", "/nowhere/secret-token", "/fail"] {
                try await client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
                _ = try await client.readResponse()
            }
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 300\r\n\r\n" + String(repeating: "a", count: 300))
            _ = try await client.readResponse()
            try await client.send("HEAD /big/5000 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            _ = try await client.readResponse(head: true)
            #expect(try await client.closesWithin(.seconds(2)))
            #expect(try await eventually { registry.sampleValue("http_connections_open") == 0 })
        }
        func value(_ name: String, _ labels: [String: String]) -> Double? { registry.sampleValue(name, labels: labels) }
        #expect(value("http_requests_total", ["method": "GET", "route": "/items/{id}", "status": "200"]) == 2)
        #expect(value("http_requests_total", ["method": "GET", "route": "unmatched", "status": "404"]) == 1)
        #expect(value("http_requests_total", ["method": "GET", "route": "/fail", "status": "409"]) == 1)
        #expect(value("http_requests_total", ["method": "POST", "route": "/echo", "status": "200"]) == 1)
        #expect(value("http_requests_total", ["method": "HEAD", "route": "/big/{size}", "status": "200"]) == 1)
        #expect(value("http_handler_errors_total", ["route": "/fail"]) == 1)
        #expect(value("http_request_duration_seconds_count", ["method": "GET", "route": "/items/{id}"]) == 2)
        #expect(value("http_request_size_bytes_sum", ["method": "POST", "route": "/echo"]) == 300)
        #expect(value("http_request_size_bytes_bucket", ["method": "POST", "route": "/echo", "le": "256"]) == 0)
        #expect(value("http_request_size_bytes_bucket", ["method": "POST", "route": "/echo", "le": "1024"]) == 1)
        #expect(value("http_response_size_bytes_sum", ["method": "POST", "route": "/echo"]) == 300)
        #expect(value("http_response_size_bytes_sum", ["method": "HEAD", "route": "/big/{size}"]) == 0, "HEAD sends no body")
        #expect(value("http_requests_in_flight", [:]) == 0)
        let exposition = String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self)
        #expect(!exposition.contains("secret-token"), "raw paths never become labels")
    }

    @Test func handlerErrorSeriesOfEveryRouteStartAtZero() throws {
        let registry = Registry()
        let observer = try HTTPMetricsObserver(registry: registry, maxConnections: 64)
        #expect(registry.sampleValue("http_handler_errors_total", labels: ["route": "/items/{id}"]) == nil)
        observer.exposeHandlerErrors(routes: ["/items/{id}", "/fail", "/items/{id}"])
        #expect(registry.sampleValue("http_handler_errors_total", labels: ["route": "/items/{id}"]) == 0)
        #expect(registry.sampleValue("http_handler_errors_total", labels: ["route": "/fail"]) == 0)
        observer.handlerFailed(route: "/fail", error: CancellationError())
        #expect(registry.sampleValue("http_handler_errors_total", labels: ["route": "/fail"]) == 1)
    }

    @Test func connectionsRefusalsAndTimeoutsAreCounted() async throws {
        let registry = Registry()
        let observer = try HTTPMetricsObserver(registry: registry, maxConnections: 1)
        try await withServer(configure: {
            $0.observer = observer
            $0.maxConnections = 1
            $0.timeouts.header = .milliseconds(200)
        }) { _, port in
            let silent = try RawClient(port: port)
            #expect(try await eventually { registry.sampleValue("http_connections_open") == 1 })
            let refused = try RawClient(port: port)
            #expect(try await refused.readResponse().status == 503)
            #expect(try await silent.closesWithin(.seconds(3)), "a client that never sends a head times out")
            #expect(try await eventually { registry.sampleValue("http_connections_open") == 0 })
        }
        #expect(registry.sampleValue("http_connections_limit") == 1)
        #expect(registry.sampleValue("http_connections_rejected_total") == 1)
        #expect(registry.sampleValue("http_timeouts_total", labels: ["kind": "header"]) == 1)
        #expect(registry.sampleValue("http_timeouts_total", labels: ["kind": "idle"]) == 0)
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(_ timeout: Duration = .seconds(5), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
