import Foundation
import Lookout
import Prometheus

/// The shapes real services have, against swift-prometheus 2.4.1 in the same process:
/// label values longer than Swift's 15-byte inline strings, big families visited in no
/// particular order, latencies that land in buckets at random, and registries of many
/// small families.
enum RealisticBenchmarks {
    static func run(scale: Int, wanted: (String) -> Bool) -> [Row] {
        var rows: [Row] = []
        if wanted("long values") { rows.append(longValueLookup(scale: scale)) }
        if wanted("10,000-series") { rows.append(bigFamilyLookup(scale: scale)) }
        if wanted("histogram observe (random") { rows.append(histogramRow("histogram observe (random bucket)", Workload.uniformOverBuckets(), scale: scale)) }
        if wanted("histogram observe (log-normal") { rows.append(histogramRow("histogram observe (log-normal)", Workload.logNormalLatencies(), scale: scale)) }
        if wanted("emit") { rows += emissionRows(scale: scale) }
        return rows
    }

    // MARK: Lookups

    /// Four label values of 16–40 bytes (a route template, a job, a zone, a client), built
    /// at run time as a router or a config file would hand them over.
    static func longValueLookup(scale: Int) -> Row {
        let names = ["route", "job", "zone", "client"]
        let values = [Workload.longValue("/api/v1/market/klines/", 0, minimum: 24),
                      Workload.longValue("bybit-kline-backfill-", 1, minimum: 27),
                      Workload.longValue("eu-central-1-availability-zone-", 2, minimum: 32),
                      Workload.longValue("ios-app-4.12.3-build-2026110", 3, minimum: 29)]
        let (v0, v1, v2, v3) = (values[0], values[1], values[2], values[3])
        let registry = Registry()
        let family = try! registry.counterFamily("bench_long_values_total", help: "Benchmark family.", labelNames: names)
        family.labels(v0, v1, v2, v3).inc()
        let peer = PrometheusCollectorRegistry()
        let descriptor = MetricsBenchmarks.peerName("bench_long_values_total")
        _ = peer.makeCounter(descriptor: descriptor, labels: Array(zip(names, values)))
        return Row(name: "labelled lookup+inc (4 long values)", unit: "ns/op",
                   lookout: Harness.nanosecondsPerOperation(5_000_000 / scale) { n in for _ in 0..<n { family.labels(v0, v1, v2, v3).inc() } },
                   peer: Harness.nanosecondsPerOperation(200_000 / scale) { n in
                       for _ in 0..<n {
                           peer.makeCounter(descriptor: descriptor, labels: [("route", v0), ("job", v1), ("zone", v2), ("client", v3)]).increment()
                       }
                   },
                   target: ">= 10x")
    }

    /// A family of 10,000 series (two labels of 16–40 bytes) visited in a scattered order,
    /// so most lookups miss the CPU caches, as in a service with many routes × instances.
    /// The loops step through the visits with a compare, not `%`: an integer division per
    /// operation would be a fixed cost of the harness inside both figures.
    static func bigFamilyLookup(scale: Int) -> Row {
        let seriesCount = 10_000
        let keys: [(String, String)] = (0..<seriesCount).map { index in
            (Workload.longValue("/api/v2/accounts/{account}/", index % 100, minimum: 30),
             Workload.longValue("market-data-worker-", index / 100, minimum: 22))
        }
        var random = SplitMix64(seed: 7)
        var order = Array(0..<seriesCount)
        for index in order.indices.reversed() { order.swapAt(index, Int(random.next() % UInt64(index + 1))) }
        let registry = Registry()
        let family = try! registry.counterFamily("bench_big_family_total", help: "Benchmark family.", labelNames: ["route", "instance"])
        let peer = PrometheusCollectorRegistry()
        let descriptor = MetricsBenchmarks.peerName("bench_big_family_total")
        for (route, instance) in keys {
            family.labels(route, instance).inc()
            peer.makeCounter(descriptor: descriptor, labels: [("route", route), ("instance", instance)]).increment()
        }
        let visits = order.map { keys[$0] }
        return Row(name: "lookup+inc, 10,000-series family, scattered", unit: "ns/op",
                   lookout: Harness.nanosecondsPerOperation(2_000_000 / scale) { n in
                       visits.withUnsafeBufferPointer { visits in
                           var next = 0
                           for _ in 0..<n {
                               let (route, instance) = visits[next]
                               next = next == seriesCount - 1 ? 0 : next + 1
                               family.labels(route, instance).inc()
                           }
                       }
                   },
                   peer: Harness.nanosecondsPerOperation(100_000 / scale) { n in
                       visits.withUnsafeBufferPointer { visits in
                           var next = 0
                           for _ in 0..<n {
                               let (route, instance) = visits[next]
                               next = next == seriesCount - 1 ? 0 : next + 1
                               peer.makeCounter(descriptor: descriptor, labels: [("route", route), ("instance", instance)]).increment()
                           }
                       }
                   },
                   target: ">= 8x")
    }

    // MARK: Histograms

    static func histogramRow(_ name: String, _ values: [Double], scale: Int) -> Row {
        let registry = Registry()
        let histogram = try! registry.histogram("bench_random_seconds", help: "Benchmark histogram.", unit: .seconds)
        let peer = PrometheusCollectorRegistry()
        let peerHistogram = peer.makeValueHistogram(descriptor: MetricsBenchmarks.peerName("bench_random_seconds"), buckets: Buckets.default.upperBounds)
        let mask = values.count - 1
        return Row(name: name, unit: "ns/op",
                   lookout: Harness.nanosecondsPerOperation(20_000_000 / scale) { n in
                       values.withUnsafeBufferPointer { values in for i in 0..<n { histogram.observe(values[i & mask]) } }
                   },
                   peer: Harness.nanosecondsPerOperation(20_000_000 / scale) { n in
                       values.withUnsafeBufferPointer { values in for i in 0..<n { peerHistogram.record(values[i & mask]) } }
                   },
                   target: ">= 2x")
    }

    // MARK: Emission

    static func emissionRows(scale: Int) -> [Row] {
        var rows: [Row] = []
        let shapes: [(String, (Registry, PrometheusCollectorRegistry) -> Void)] = [
            ("2,500 labelled counters + 2,500 gauge families", Registries.mixedFiveThousand),
            ("2,500 single-series families", Registries.singleSeries),
            ("service registry (\(Registries.serviceFamilyCount) families)", Registries.service),
        ]
        for (shape, fill) in shapes {
            let registry = Registry()
            let peer = PrometheusCollectorRegistry()
            fill(registry, peer)
            var buffer = ExpositionBuffer(capacity: 1 << 21)
            var peerBuffer: [UInt8] = []
            peerBuffer.reserveCapacity(1 << 21)
            let peerMilliseconds = Harness.milliseconds(100 / scale) { peerBuffer.removeAll(keepingCapacity: true); peer.emit(into: &peerBuffer) }
            for format in [ExpositionFormat.prometheusText, .openMetrics] {
                let label = format == .prometheusText ? "text" : "OpenMetrics"
                rows.append(Row(name: "emit \(shape), \(label)", unit: "ms",
                                lookout: Harness.milliseconds(100 / scale) { buffer.removeAll(); registry.expose(format: format, into: &buffer) },
                                peer: peerMilliseconds, target: ">= 3x"))
            }
        }
        return rows
    }
}

/// Registries filled identically in Lookout and in swift-prometheus.
enum Registries {
    /// swift-prometheus' own "RegistryEmit - 5000 metrics" shape: one counter family with
    /// 2,500 series of four labels, and 2,500 gauge families of one such series each.
    static func mixedFiveThousand(_ registry: Registry, _ peer: PrometheusCollectorRegistry) {
        let names = ["job", "handler", "status_code", "version"]
        let counters = try! registry.counterFamily("http_requests_total", help: "Requests.", labelNames: names)
        for index in 0..<2_500 {
            let values = ["api_server_\(index)", "/api/handler_\(index)", "200", "\(index).0.0"]
            let labels = Array(zip(names, values))
            try! counters.child(labelValues: values).inc()
            peer.makeCounter(descriptor: MetricsBenchmarks.peerName("http_requests_total"), labels: labels).increment()
            let gauge = try! registry.gaugeFamily("export_gauge_\(index)", help: "Gauge.", labelNames: names)
            try! gauge.child(labelValues: values).inc()
            peer.makeGauge(descriptor: MetricsBenchmarks.peerName("export_gauge_\(index)"), labels: labels).increment()
        }
    }

    /// 2,500 families without labels: counters and gauges alternately, as libraries
    /// register their own unlabelled totals and levels.
    static func singleSeries(_ registry: Registry, _ peer: PrometheusCollectorRegistry) {
        for index in 0..<2_500 {
            if index % 2 == 0 {
                try! registry.counter("library_\(index)_events_total", help: "Events.").inc(by: index)
                peer.makeCounter(descriptor: MetricsBenchmarks.peerName("library_\(index)_events_total")).increment(by: Int64(index))
            } else {
                try! registry.gauge("library_\(index)_level", help: "Level.").set(Double(index) * 0.5)
                peer.makeGauge(descriptor: MetricsBenchmarks.peerName("library_\(index)_level")).set(Double(index) * 0.5)
            }
        }
    }

    static let serviceFamilyCount = 300

    /// A service's registry: 300 families, 40% counters, 30% gauges, 30% histograms
    /// (default buckets), 1–6 labels each, values short and long, about 2,700 series.
    static func service(_ registry: Registry, _ peer: PrometheusCollectorRegistry) {
        let allNames = ["route", "method", "status", "upstream", "region", "tenant_tier"]
        for family in 0..<serviceFamilyCount {
            let labelNames = Array(allNames.prefix(1 + family % 6))
            let kind = family % 10
            let seriesCount = kind < 7 ? 1 + (family * 7) % 20 : 1 + family % 8
            for series in 0..<seriesCount {
                let values = labelNames.indices.map { index in
                    index % 2 == 0 ? Workload.longValue("/svc/\(labelNames[index])/", series + index, minimum: 16 + (family + index) % 20)
                                   : "v\(series % (3 + index))"
                }
                let labels = Array(zip(labelNames, values))
                let observed = Double(series % 13) * 0.037
                if kind < 4 {
                    let name = "service_\(family)_operations_total"
                    try! registry.counterFamily(name, help: "Operations.", labelNames: labelNames).child(labelValues: values).inc(by: series + 1)
                    peer.makeCounter(descriptor: MetricsBenchmarks.peerName(name), labels: labels).increment(by: Int64(series + 1))
                } else if kind < 7 {
                    let name = "service_\(family)_in_flight"
                    try! registry.gaugeFamily(name, help: "In flight.", labelNames: labelNames).child(labelValues: values).set(observed)
                    peer.makeGauge(descriptor: MetricsBenchmarks.peerName(name), labels: labels).set(observed)
                } else {
                    let name = "service_\(family)_duration_seconds"
                    let histogram = try! registry.histogramFamily(name, help: "Durations.", unit: .seconds, labelNames: labelNames).child(labelValues: values)
                    let peerHistogram = peer.makeValueHistogram(descriptor: MetricsBenchmarks.peerName(name), labels: labels, buckets: Buckets.default.upperBounds)
                    for step in 0..<5 {
                        histogram.observe(observed * Double(step + 1))
                        peerHistogram.record(observed * Double(step + 1))
                    }
                }
            }
        }
    }
}

/// Deterministic inputs.
enum Workload {
    /// `prefix` + `index`, padded with letters to at least `minimum` (at most 40) bytes;
    /// built at run time, so it is a heap string like one read from a request or a config.
    static func longValue(_ prefix: String, _ index: Int, minimum: Int) -> String {
        var value = "\(prefix)\(index)"
        var letter = UInt8(ascii: "a") + UInt8(index % 26)
        while value.utf8.count < min(minimum, 40) {
            value.append(Character(Unicode.Scalar(letter)))
            letter = letter == UInt8(ascii: "z") ? UInt8(ascii: "a") : letter + 1
        }
        return value
    }

    /// 4,096 values, each in a bucket of the default layout (the 11 finite ones and +Inf)
    /// chosen uniformly at random, anywhere inside it.
    static func uniformOverBuckets() -> [Double] {
        var random = SplitMix64(seed: 11)
        let bounds = [0.0] + Buckets.default.upperBounds + [20.0]
        return (0..<4_096).map { _ in
            let bucket = Int(random.next() % UInt64(bounds.count - 1))
            let low = bounds[bucket], high = bounds[bucket + 1]
            return low + (high - low) * max(random.unit(), 1e-9)
        }
    }

    /// 4,096 request latencies, log-normal around a 60 ms median (σ = 1.2, so the tail
    /// reaches seconds).
    static func logNormalLatencies() -> [Double] {
        var random = SplitMix64(seed: 13)
        return (0..<4_096).map { _ in
            // Box–Muller.
            let normal = (-2 * log(max(random.unit(), 1e-12))).squareRoot() * cos(2 * Double.pi * random.unit())
            return 0.060 * exp(1.2 * normal)
        }
    }
}
