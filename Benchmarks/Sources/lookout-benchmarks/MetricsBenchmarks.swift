import Foundation
import Lookout
import Prometheus

/// The core-metrics comparison with swift-prometheus 2.4.1, in one process.
enum MetricsBenchmarks {
    static let fourLabelNames = ["method", "route", "status", "category"]
    static let fourLabelValues = ("GET", "/api/v1/klines", "200", "linear")
    /// Observations spread over the default buckets' range.
    static let observations: [Double] = (0..<1024).map { (index: Int) -> Double in
        let coarse = Double(index % 97) * 0.11
        let fine = Double(index % 7) * 0.0013
        return coarse + fine
    }

    /// swift-prometheus' non-deprecated way to name a metric, with help text like ours.
    static func peerName(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: "Benchmark metric.")
    }

    static func run(quick: Bool, filter: String?) -> [Row] {
        let scale = quick ? 10 : 1
        var rows: [Row] = []
        func wanted(_ name: String) -> Bool { filter.map { name.contains($0) } ?? true }

        // Pre-bound counter increment.
        let lookoutRegistry = Registry()
        let counter = try! lookoutRegistry.counter("bench_prebound_total", help: "Benchmark counter.")
        let peerRegistry = PrometheusCollectorRegistry()
        let peerCounter = peerRegistry.makeCounter(descriptor: peerName("bench_prebound_total"))
        if wanted("pre-bound counter inc") {
            rows.append(Row(name: "pre-bound counter inc", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(50_000_000 / scale) { n in for _ in 0..<n { counter.inc() } },
                            peer: Harness.nanosecondsPerOperation(50_000_000 / scale) { n in for _ in 0..<n { peerCounter.increment() } },
                            target: "no slower"))
        }

        // Labelled lookup of an existing child with 4 labels, then increment.
        let family = try! lookoutRegistry.counterFamily("bench_labelled_total", help: "Benchmark family.", labelNames: fourLabelNames)
        let (v0, v1, v2, v3) = fourLabelValues
        family.labels(v0, v1, v2, v3).inc()
        let peerLabels = zip(fourLabelNames, [v0, v1, v2, v3]).map { ($0, $1) }
        _ = peerRegistry.makeCounter(descriptor: peerName("bench_labelled_total"), labels: peerLabels)
        if wanted("labelled lookup+inc (4 labels)") {
            rows.append(Row(name: "labelled lookup+inc (4 labels)", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(5_000_000 / scale) { n in for _ in 0..<n { family.labels(v0, v1, v2, v3).inc() } },
                            peer: Harness.nanosecondsPerOperation(200_000 / scale) { n in
                                for _ in 0..<n {
                                    peerRegistry.makeCounter(descriptor: peerName("bench_labelled_total"), labels: [("method", v0), ("route", v1), ("status", v2), ("category", v3)]).increment()
                                }
                            },
                            target: ">= 10x"))
        }

        // Gauge set.
        let gauge = try! lookoutRegistry.gauge("bench_gauge", help: "Benchmark gauge.")
        let peerGauge = peerRegistry.makeGauge(descriptor: peerName("bench_gauge"))
        if wanted("gauge set") {
            rows.append(Row(name: "gauge set", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(50_000_000 / scale) { n in for i in 0..<n { gauge.set(Double(i)) } },
                            peer: Harness.nanosecondsPerOperation(50_000_000 / scale) { n in for i in 0..<n { peerGauge.set(Double(i)) } },
                            target: "-"))
        }

        // Histogram observe, 11 buckets.
        let histogram = try! lookoutRegistry.histogram("bench_latency_seconds", help: "Benchmark histogram.", unit: .seconds)
        let peerHistogram = peerRegistry.makeValueHistogram(descriptor: peerName("bench_latency_seconds"), buckets: Buckets.default.upperBounds)
        let values = observations
        if wanted("histogram observe (11 buckets)") {
            rows.append(Row(name: "histogram observe (11 buckets)", unit: "ns/op",
                            lookout: Harness.nanosecondsPerOperation(20_000_000 / scale) { n in for i in 0..<n { histogram.observe(values[i & 1023]) } },
                            peer: Harness.nanosecondsPerOperation(20_000_000 / scale) { n in for i in 0..<n { peerHistogram.record(values[i & 1023]) } },
                            target: ">= 2x"))
        }

        // Two threads on one counter / one histogram.
        let contended = try! lookoutRegistry.counter("bench_contended_total", help: "Contended counter.")
        let peerContended = peerRegistry.makeCounter(descriptor: peerName("bench_contended_total"))
        if wanted("contended counter inc (2 threads)") {
            rows.append(Row(name: "contended counter inc (2 threads)", unit: "ns/op",
                            lookout: Harness.contendedNanosecondsPerOperation(threads: 2, 20_000_000 / scale) { n in for _ in 0..<n { contended.inc() } },
                            peer: Harness.contendedNanosecondsPerOperation(threads: 2, 20_000_000 / scale) { n in for _ in 0..<n { peerContended.increment() } },
                            target: ">= 2x"))
        }
        let contendedHistogram = try! lookoutRegistry.histogram("bench_contended_seconds", help: "Contended histogram.", unit: .seconds)
        let peerContendedHistogram = peerRegistry.makeValueHistogram(descriptor: peerName("bench_contended_seconds"), buckets: Buckets.default.upperBounds)
        if wanted("contended histogram observe (2 threads)") {
            rows.append(Row(name: "contended histogram observe (2 threads)", unit: "ns/op",
                            lookout: Harness.contendedNanosecondsPerOperation(threads: 2, 5_000_000 / scale) { n in
                                for i in 0..<n { contendedHistogram.observe(values[i & 1023]) }
                            },
                            peer: Harness.contendedNanosecondsPerOperation(threads: 2, 5_000_000 / scale) { n in
                                for i in 0..<n { peerContendedHistogram.record(values[i & 1023]) }
                            },
                            target: ">= 2x"))
        }

        if wanted("emit") { rows += emitRows(scale: scale) }
        rows += RealisticBenchmarks.run(scale: scale, wanted: wanted)
        if wanted("memory") || wanted("allocations") { rows += memoryAndAllocationRows(quick: quick) }
        return rows
    }

    /// Rendering 5,000 counter series and 1,000 11-bucket histograms in text 0.0.4
    /// into a reused buffer.
    static func emitRows(scale: Int) -> [Row] {
        let registry = Registry()
        let peer = PrometheusCollectorRegistry()
        let counters = try! registry.counterFamily("bench_emit_total", help: "Emitted counters.", labelNames: ["series"])
        for index in 0..<5_000 {
            counters.labels("s\(index)").inc(by: index)
            peer.makeCounter(descriptor: peerName("bench_emit_total"), labels: [("series", "s\(index)")]).increment(by: Int64(index))
        }
        var buffer = ExpositionBuffer(capacity: 1 << 20)
        var peerBuffer: [UInt8] = []
        peerBuffer.reserveCapacity(1 << 20)
        let counterRow = Row(name: "emit 5,000 counter series", unit: "ms",
                             lookout: Harness.milliseconds(200 / scale) { buffer.removeAll(); registry.expose(format: .prometheusText, into: &buffer) },
                             peer: Harness.milliseconds(200 / scale) { peerBuffer.removeAll(keepingCapacity: true); peer.emit(into: &peerBuffer) },
                             target: ">= 3x")

        let histogramRegistry = Registry()
        let histogramPeer = PrometheusCollectorRegistry()
        let histograms = try! histogramRegistry.histogramFamily("bench_emit_seconds", help: "Emitted histograms.", unit: .seconds, labelNames: ["series"])
        for index in 0..<1_000 {
            let series = histograms.labels("s\(index)")
            let peerSeries = histogramPeer.makeValueHistogram(descriptor: peerName("bench_emit_seconds"), labels: [("series", "s\(index)")], buckets: Buckets.default.upperBounds)
            for value in observations.prefix(20) {
                series.observe(value)
                peerSeries.record(value)
            }
        }
        let histogramRow = Row(name: "emit 1,000 histograms x 11 buckets", unit: "ms",
                               lookout: Harness.milliseconds(100 / scale) { buffer.removeAll(); histogramRegistry.expose(format: .prometheusText, into: &buffer) },
                               peer: Harness.milliseconds(100 / scale) { peerBuffer.removeAll(keepingCapacity: true); histogramPeer.emit(into: &peerBuffer) },
                               target: ">= 3x")
        return [counterRow, histogramRow]
    }

    static func memoryAndAllocationRows(quick: Bool) -> [Row] {
        let seriesCount = quick ? 20_000 : 100_000
        let lookoutBytes = Harness.bytesPerItem(seriesCount) { count -> (Registry, CounterFamily) in
            let registry = Registry()
            let family = try! registry.counterFamily("bench_memory_total", help: "Memory.", labelNames: ["series"])
            for index in 0..<count { family.labels("s\(index)").inc() }
            return (registry, family)
        }
        let peerBytes = Harness.bytesPerItem(seriesCount) { count -> PrometheusCollectorRegistry in
            let registry = PrometheusCollectorRegistry()
            for index in 0..<count { registry.makeCounter(descriptor: peerName("bench_memory_total"), labels: [("series", "s\(index)")]).increment() }
            return registry
        }

        let registry = Registry()
        let counter = try! registry.counter("bench_alloc_total", help: "Allocations.")
        let family = try! registry.counterFamily("bench_alloc_labelled_total", help: "Allocations.", labelNames: fourLabelNames)
        let (v0, v1, v2, v3) = fourLabelValues
        let histogram = try! registry.histogram("bench_alloc_seconds", help: "Allocations.", unit: .seconds)
        let gauge = try! registry.gauge("bench_alloc_gauge", help: "Allocations.")
        let values = observations
        let hotPath = Harness.allocationsPerOperation(100_000) { n in
            for i in 0..<n {
                counter.inc()
                family.labels(v0, v1, v2, v3).inc()
                histogram.observe(values[i & 1023])
                gauge.set(Double(i))
            }
        }
        let peer = PrometheusCollectorRegistry()
        let peerCounter = peer.makeCounter(descriptor: peerName("bench_alloc_total"))
        let peerHistogram = peer.makeValueHistogram(descriptor: peerName("bench_alloc_seconds"), buckets: Buckets.default.upperBounds)
        let peerGauge = peer.makeGauge(descriptor: peerName("bench_alloc_gauge"))
        let peerHotPath = Harness.allocationsPerOperation(100_000) { n in
            for i in 0..<n {
                peerCounter.increment()
                peer.makeCounter(descriptor: peerName("bench_alloc_labelled_total"), labels: [("method", v0), ("route", v1), ("status", v2), ("category", v3)]).increment()
                peerHistogram.record(values[i & 1023])
                peerGauge.set(Double(i))
            }
        }
        return [
            Row(name: "memory per counter series (\(seriesCount / 1000)k)", unit: "B", lookout: lookoutBytes, peer: peerBytes, target: "<= 200 B"),
            Row(name: "allocations per hot-path op set", unit: "allocs", lookout: hotPath, peer: peerHotPath, target: "0"),
        ]
    }
}
