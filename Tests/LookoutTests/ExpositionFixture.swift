import Lookout

/// One registry holding every metric type, with values chosen to exercise escaping,
/// float formatting, exemplars and `_created`. The golden tests render it in every format.
enum ExpositionFixture {
    /// Live families of every type (their `_created` times are the wall clock's, so the
    /// goldens that include live families leave `_created` out).
    static func liveRegistry() throws -> Registry {
        let registry = Registry()
        let requests = try registry.counterFamily("http_requests_total", help: "HTTP requests served.", labelNames: ["method", "status"])
        requests.labels("GET", "200").inc(by: 41)
        requests.labels("GET", "200").inc()
        requests.labels("POST", "500").inc(by: 0.5)
        requests.labels("odd \"quoted\" \\ back", "line\nbreak").inc()
        let temperature = try registry.gaugeFamily("room_temperature_celsius", help: "Temperature \"inside\",\nby room \\ floor.", unit: .celsius, labelNames: ["room"])
        temperature.labels("kitchen").set(21.5)
        temperature.labels("cellar").set(-3)
        temperature.labels("attic").set(.infinity)
        temperature.labels("garage").set(.nan)
        let latency = try registry.histogramFamily("http_request_duration_seconds", help: "Request latency.", unit: .seconds,
                                                   buckets: try Buckets([0.1, 0.5, 2.5]), labelNames: ["route"])
        for value in [0.05, 0.1, 0.3, 0.7, 3.0] { latency.labels("/api/v1/klines/{symbol}").observe(value) }
        _ = latency.labels("/metrics")
        try registry.info("lookout_build", help: "Build information.", labels: ["version": "1.2.0", "swift": "6.3.1"])
        let phase = try registry.stateSet("service_phase", help: "Lifecycle phase.", states: ["starting", "serving", "draining"])
        try phase.set("serving")
        _ = try registry.gauge("queue_depth", help: "Items waiting.")
        return registry
    }

    /// A collector whose snapshots carry fixed `_created` times and exemplars.
    struct FixedCollector: Collector {
        static let jobs = try! MetricDescriptor(name: "jobs_processed_total", help: "Jobs processed.", type: .counter, labelNames: ["queue"])
        static let wait = try! MetricDescriptor(name: "job_wait_seconds", help: "Time jobs waited.", type: .histogram, unit: .seconds)

        var descriptors: [MetricDescriptor] { [Self.jobs, Self.wait] }

        func collect() -> [MetricFamilySnapshot] {
            let trace = try! ExemplarLabels.trace(id: "4bf92f3577b34da6a3ce929d0e0e4736", span: "00f067aa0ba902b7")
            let buckets = try! Buckets([0.25, 1])
            return [
                try! MetricFamilySnapshot(descriptor: Self.jobs, series: [
                    SeriesSnapshot(labels: try! Labels(["queue": "emails"]),
                                   value: .counter(17, exemplar: Exemplar(labels: trace, value: 1, timestamp: 1_700_000_000.25)),
                                   createdTimestamp: 1_699_999_000),
                ]),
                try! MetricFamilySnapshot(descriptor: Self.wait, series: [
                    SeriesSnapshot(value: .histogram(HistogramValue(buckets: buckets, bucketCounts: [3, 1, 0], sum: 1.125,
                                                                    exemplars: [nil, Exemplar(labels: trace, value: 0.5, timestamp: 1_700_000_001)])),
                                   createdTimestamp: 1_699_999_500.5),
                ]),
            ]
        }
    }

    static func collectorRegistry() throws -> Registry {
        let registry = Registry()
        try registry.register(FixedCollector())
        return registry
    }

    static func text(_ registry: Registry, _ format: ExpositionFormat, options: ExpositionOptions = ExpositionOptions()) -> String {
        String(decoding: registry.exposition(format: format, options: options), as: UTF8.self)
    }
}
