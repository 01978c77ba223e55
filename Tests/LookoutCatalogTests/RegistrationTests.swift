import Lookout
import Testing
@testable import LookoutCatalog
@testable import LookoutCatalogGenerator

/// The declarations that generate dashboards also create the live metrics.
@Suite("Registering declarations")
struct RegistrationTests {
    @Test("each declaration registers its family, and registering again returns it")
    func register() throws {
        let registry = Registry()
        let requests = try ShopFixture.requests.register(in: registry)
        requests.labels("/cart", "200").inc()
        #expect(try ShopFixture.requests.register(in: registry) === requests)
        let duration = try ShopFixture.duration.register(in: registry)
        duration.labels("/cart").observe(0.2)
        try ShopFixture.inFlight.registerSeries(in: registry).set(3)
        _ = try ShopFixture.build.register(in: registry).labels("1.0.0", "abc")
        _ = try ShopFixture.breaker.register(in: registry)
        let text = String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self)
        #expect(text.contains(#"shop_requests_total{route="/cart",code="200"} 1"#))
        #expect(text.contains(#"shop_request_duration_seconds_bucket{route="/cart",le="0.25"} 1"#))
        #expect(text.contains("shop_requests_in_flight 3"))
        #expect(text.contains("shop_payment_breaker"))
        #expect(text.contains(#"shop_build_info{version="1.0.0",commit="abc"} 1"#))
        #expect(throws: MetricError.self) { try ShopFixture.requests.registerSeries(in: registry) }
    }

    @Test("a whole catalog registers at once")
    func registerCatalog() throws {
        let registry = Registry()
        try ShopFixture.catalog.register(in: registry)
        let names = registry.snapshot().map(\.descriptor.name)
        #expect(Set(names) == Set(ShopFixture.catalog.declaredMetrics.map(\.familyName)))
    }

    @Test("the process catalog declares exactly the collector's families, with its descriptors")
    func processCatalog() throws {
        let declared = try ProcessMetrics.catalog.declaredMetrics.map { try $0.descriptor() }
        #expect(Set(declared) == Set(ProcessCollector.allDescriptors))
    }

    @Test("an invalid declaration throws the core's MetricError naming it")
    func invalid() {
        #expect(throws: MetricError.self) { try GaugeDeclaration("wait_seconds", help: "w", unit: .bytes).register(in: Registry()) }
        do {
            _ = try HistogramDeclaration("size_bytes", help: "s", unit: .bytes, buckets: [2, 1]).register(in: Registry())
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidBuckets)
            #expect(error.metric == "size_bytes")
        }
    }

    @Test("a conflicting declaration of a registered name throws")
    func conflict() throws {
        let registry = Registry()
        _ = try ShopFixture.requests.register(in: registry)
        #expect(throws: MetricError.self) { try CounterDeclaration("shop_requests", help: "Other help.").register(in: registry) }
    }
}
