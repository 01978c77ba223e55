import Lookout
import LookoutCatalog
import Testing

/// A module's metric holder built from its catalog: every listed declaration registered
/// once, each looked up by its declaration or member name, typed by its use.
@Suite("CatalogMetrics")
struct CatalogMetricsTests {
    /// A small instrumented module: four declarations and the catalog built from them.
    struct Checkout: CatalogDeclarations {
        let orders = CounterDeclaration("checkout_orders", help: "Orders placed, by outcome.", labelNames: ["outcome"])
        let retries = CounterDeclaration("checkout_retries", help: "Payment retries.")
        let queue = GaugeDeclaration("checkout_queue_depth", help: "Orders waiting.")
        let latency = HistogramDeclaration("checkout_latency_seconds", help: "Time to place an order.", unit: .seconds,
                                           buckets: [0.1, 1])
        static let catalog = MetricCatalog("checkout", title: "Checkout", declarations: Checkout.self)
    }

    @Test func everyListedMetricIsRegisteredAndUsableByMemberName() throws {
        let registry = Registry()
        let metrics = try CatalogMetrics<Checkout>(registry: registry)
        metrics.orders.labels("ok").inc(by: 2)
        metrics.retries.inc()
        metrics.queue.set(3)
        metrics.latency.observe(0.5)
        let text = String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self)
        #expect(text == """
            # HELP checkout_latency_seconds Time to place an order.
            # TYPE checkout_latency_seconds histogram
            checkout_latency_seconds_bucket{le="0.1"} 0
            checkout_latency_seconds_bucket{le="1.0"} 1
            checkout_latency_seconds_bucket{le="+Inf"} 1
            checkout_latency_seconds_sum 0.5
            checkout_latency_seconds_count 1
            # HELP checkout_orders_total Orders placed, by outcome.
            # TYPE checkout_orders_total counter
            checkout_orders_total{outcome="ok"} 2
            # HELP checkout_queue_depth Orders waiting.
            # TYPE checkout_queue_depth gauge
            checkout_queue_depth 3
            # HELP checkout_retries_total Payment retries.
            # TYPE checkout_retries_total counter
            checkout_retries_total 1

            """)
    }

    @Test func lookupsReturnTheRegistryFamiliesAndAHolderPerRegistryShares() throws {
        let registry = Registry()
        let metrics = try CatalogMetrics<Checkout>(registry: registry)
        #expect(metrics.family(Checkout.orders) === (try Checkout.orders.register(in: registry)))
        #expect(metrics.series(Checkout.queue) === metrics.queue as Gauge)
        let again = try CatalogMetrics<Checkout>(registry: registry)
        again.retries.inc()
        #expect(metrics.series(Checkout.retries).value == 1, "a second holder on the same registry shares the series")
    }

    @Test func aConflictingFamilyIsATypedError() throws {
        let registry = Registry()
        _ = try registry.gaugeFamily(MetricDescriptor(name: "checkout_retries", help: "clash", type: .gauge))
        #expect(throws: MetricError.self) { try CatalogMetrics<Checkout>(registry: registry) }
    }

    /// A declarations type with a stored property that is not a metric declaration.
    struct Misdeclared: CatalogDeclarations {
        let orders = CounterDeclaration("misdeclared_orders", help: "Orders.")
        let threshold = 0.5
        static let catalog = MetricCatalog("misdeclared", title: "Misdeclared", declarations: Misdeclared.self)
    }

    @Test func theCatalogListsTheStoredDeclarationsInSourceOrderAndStaticsReadThem() {
        #expect(Checkout.catalog.metrics.map(\.name)
            == ["checkout_orders", "checkout_retries", "checkout_queue_depth", "checkout_latency_seconds"])
        #expect(Checkout.orders == Checkout.declared.orders)
        #expect(Checkout.latency.metric.name == "checkout_latency_seconds")
    }

    @Test func aStoredPropertyThatIsNotADeclarationStopsNamingIt() async {
        await #expect(processExitsWith: .failure) {
            _ = Misdeclared.catalog
        }
    }
}
