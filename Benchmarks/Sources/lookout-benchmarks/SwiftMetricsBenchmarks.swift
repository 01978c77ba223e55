import CoreMetrics
import Lookout
import LookoutMetrics
import Prometheus
import SwiftMetricsFloor

/// The same swift-metrics calls into Lookout's backend and into swift-prometheus'
/// `PrometheusMetricsFactory`, each with a registry of its own.
enum SwiftMetricsBenchmarks {
    static func run(scale: Int, wanted: (String) -> Bool) -> [Row] {
        let lookout = LookoutMetricsFactory(registry: Registry())
        let peer = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        // What Hummingbird's MetricsMiddleware passes: a route template, a method, a status.
        let route = Workload.longValue("/api/v1/market/klines/", 7, minimum: 30)
        let dimensions = [("http.route", route), ("http.request.method", "GET"), ("http.response.status_code", "200")]
        var rows: [Row] = []

        if wanted("swift-metrics Counter(label:dimensions:)") {
            func createAndIncrement(_ factory: MetricsFactory) -> (Int) -> Void {
                { n in for _ in 0..<n { CoreMetrics.Counter(label: "http.requests", dimensions: dimensions, factory: factory).increment() } }
            }
            rows.append(Row(name: "swift-metrics Counter(label:dimensions:).increment()", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(1_000_000 / scale, createAndIncrement(lookout)),
                            peer: Harness.nanosecondsPerOperation(200_000 / scale, createAndIncrement(peer)),
                            target: ">= 3x"))
        }

        let counter = CoreMetrics.Counter(label: "jobs.done", dimensions: dimensions, factory: lookout)
        let peerCounter = CoreMetrics.Counter(label: "jobs.done", dimensions: dimensions, factory: peer)
        if wanted("swift-metrics pre-created counter") {
            rows.append(Row(name: "swift-metrics pre-created counter increment", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(20_000_000 / scale) { n in for _ in 0..<n { counter.increment() } },
                            peer: Harness.nanosecondsPerOperation(20_000_000 / scale) { n in for _ in 0..<n { peerCounter.increment() } },
                            target: ">= 3x"))
        }

        // The least any backend can do per pre-created call: swift-metrics' own dispatch to
        // a handler plus one unlocked add to a word in memory. Its ratio to the peer is the
        // best ratio any backend can reach on that row.
        let floorCounter = CoreMetrics.Counter(label: "jobs.done", dimensions: dimensions, handler: PlainAddHandler.make())
        if wanted("swift-metrics pre-created counter") {
            rows.append(Row(name: "  ceiling: dispatch + one unlocked add", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(20_000_000 / scale) { n in for _ in 0..<n { floorCounter.increment() } },
                            peer: rows.last?.peer,
                            target: "best possible ratio"))
        }

        let durations = Workload.logNormalLatencies().map { Int64($0 * 1e9) }
        let timer = CoreMetrics.Timer(label: "http.server.request.duration", dimensions: dimensions, factory: lookout)
        let peerTimer = CoreMetrics.Timer(label: "http.server.request.duration", dimensions: dimensions, factory: peer)
        if wanted("swift-metrics pre-created timer") {
            let mask = durations.count - 1
            rows.append(Row(name: "swift-metrics pre-created timer (log-normal)", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(10_000_000 / scale) { n in for i in 0..<n { timer.recordNanoseconds(durations[i & mask]) } },
                            peer: Harness.nanosecondsPerOperation(10_000_000 / scale) { n in for i in 0..<n { peerTimer.recordNanoseconds(durations[i & mask]) } },
                            target: ">= 3x"))
        }

        let floorMeter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", "GET")], handler: PlainAddHandler.make())
        let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", "GET")], factory: lookout)
        let peerMeter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", "GET")], factory: peer)
        if wanted("swift-metrics pre-created meter") {
            rows.append(Row(name: "swift-metrics pre-created meter inc+dec", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(10_000_000 / scale) { n in for _ in 0..<n { meter.increment(); meter.decrement() } },
                            peer: Harness.nanosecondsPerOperation(10_000_000 / scale) { n in for _ in 0..<n { peerMeter.increment(); peerMeter.decrement() } },
                            target: ">= 3x"))
            rows.append(Row(name: "  ceiling: dispatch + one unlocked add each", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(10_000_000 / scale) { n in for _ in 0..<n { floorMeter.increment(); floorMeter.decrement() } },
                            peer: rows.last?.peer,
                            target: "best possible ratio"))
        }
        return rows
    }
}

