import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Lookout
import LookoutMetrics
import LookoutTesting
import Metrics
import NIOCore
import Synchronization
import Testing

/// A Hummingbird 2 app using its own `MetricsMiddleware` (which records through
/// swift-metrics), bootstrapped with Lookout, serving Lookout's exposition on /metrics.
@Suite struct HummingbirdMetricsTests {
    /// swift-metrics can be bootstrapped once per process: every test shares this registry.
    static let registry: Registry = {
        let registry = Registry()
        MetricsSystem.bootstrap(LookoutMetricsFactory(registry: registry))
        return registry
    }()

    @Test func middlewareMetricsAreScrapedThroughLookout() async throws {
        let registry = Self.registry
        let router = Router()
        router.middlewares.add(MetricsMiddleware())
        router.get("/hello/{name}") { _, context in "hello \(context.parameters.get("name") ?? "")" }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: registry.exposition(format: .prometheusText))))
        }
        let port = BoundPort()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.value.withLock { $0 = channel.localAddress?.port } })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            let base = try await Self.waitForPort(port)
            for name in ["a", "b", "c"] {
                let (body, status) = try await Self.get(base + "/hello/" + name)
                #expect(status == 200)
                #expect(body == "hello \(name)")
            }
            _ = try await Self.get(base + "/missing")
            // The middleware records after the response is written: poll, bounded in time.
            var text = ""
            let deadline = ContinuousClock.now + .seconds(20)
            repeat {
                (text, _) = try await Self.get(base + "/metrics")
                if text.contains(#"hb_requests_total{http_route="/hello/{name}",http_request_method="GET",http_response_status_code="200"} 3"#) { break }
                try await Task.sleep(for: .milliseconds(50))
            } while ContinuousClock.now < deadline
            let lines = Set(text.split(separator: "\n").map(String.init))
            #expect(lines.contains(#"hb_requests_total{http_route="/hello/{name}",http_request_method="GET",http_response_status_code="200"} 3"#))
            #expect(lines.contains(#"http_server_request_duration_seconds_count{http_route="/hello/{name}",http_request_method="GET",http_response_status_code="200"} 3"#))
            #expect(lines.contains("# TYPE http_server_request_duration_seconds histogram"))
            #expect(lines.contains(#"hb_request_errors_total{http_route="NotFound",http_request_method="GET",error_type="404"} 1"#))
            #expect(lines.contains("# TYPE http_server_active_requests gauge"))
            #expect(registry.sampleValue("http_server_request_duration_seconds_bucket",
                                         labels: ["http_route": "/hello/{name}", "http_request_method": "GET",
                                                  "http_response_status_code": "200", "le": "+Inf"]) == 3)
        }
    }

    /// The port the server bound, set once it runs.
    final class BoundPort: Sendable {
        let value = Mutex<Int?>(nil)
    }

    static func waitForPort(_ port: BoundPort) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let bound = port.value.withLock({ $0 }) { return "http://127.0.0.1:\(bound)" }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CancellationError()
    }

    static func get(_ url: String) async throws -> (String, Int) {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 30
        let (data, response) = try await URLSession.shared.data(for: request)
        return (String(decoding: data, as: UTF8.self), (response as? HTTPURLResponse)?.statusCode ?? 0)
    }
}
