import Lookout
import Testing

@Suite struct RegistryTests {
    @Test func registeringTheSameDeclarationTwiceReturnsTheSameFamily() throws {
        let registry = Registry()
        let first = try registry.counterFamily("jobs_total", help: "Jobs.", labelNames: ["queue"])
        let second = try registry.counterFamily("jobs", help: "Jobs.", labelNames: ["queue"])
        #expect(first === second)
        first.labels("a").inc()
        #expect(second.labels("a").value == 1)
    }

    enum Conflict: CaseIterable { case help, labels, type }

    @Test(arguments: Conflict.allCases)
    func conflictingRegistrationsAreErrors(conflict: Conflict) throws {
        let registry = Registry()
        _ = try registry.counterFamily("jobs_total", help: "Jobs.", labelNames: ["queue"])
        let error = try #require(throws: MetricError.self) {
            switch conflict {
            case .help: _ = try registry.counterFamily("jobs_total", help: "Other.", labelNames: ["queue"])
            case .labels: _ = try registry.counterFamily("jobs_total", help: "Jobs.", labelNames: ["queue", "priority"])
            case .type: _ = try registry.gaugeFamily("jobs", help: "Jobs.", labelNames: ["queue"])
            }
        }
        #expect(error.code == .conflictingRegistration)
        #expect(error.metric == "jobs")
    }

    @Test func differentBucketsConflict() throws {
        let registry = Registry()
        _ = try registry.histogram("wait_seconds", help: "Wait.", unit: .seconds, buckets: try Buckets([1, 2]))
        #expect(throws: MetricError.self) { try registry.histogram("wait_seconds", help: "Wait.", unit: .seconds, buckets: try Buckets([1, 3])) }
        #expect(try registry.histogram("wait_seconds", help: "Wait.", unit: .seconds, buckets: try Buckets([1, 2])).buckets.upperBounds == [1, 2])
    }

    @Test func sampleNameCollisionsAreRejected() throws {
        let registry = Registry()
        _ = try registry.histogram("request_seconds", help: "Latency.", unit: .seconds)
        let error = try #require(throws: MetricError.self) { try registry.gauge("request_seconds_count", help: "A clash.") }
        #expect(error.code == .nameCollision)
        #expect(error.message.contains("request_seconds_count"))
    }

    @Test func unregisterRemovesAFamilyFromExposition() throws {
        let registry = Registry()
        let counter = try registry.counter("temporary_total", help: "Temporary.")
        counter.inc()
        #expect(registry.unregister("temporary_total"))
        #expect(!registry.unregister("temporary_total"))
        #expect(registry.exposition(format: .prometheusText).isEmpty)
        _ = try registry.gauge("temporary_total_other", help: "Reusing the name space is fine after unregistering.")
        _ = try registry.counter("temporary_total", help: "Registered again, fresh.")
    }

    @Test func collectorsAreCheckedAtRegistrationAndFiltered() throws {
        let registry = Registry()
        _ = try registry.counter("jobs_processed_total", help: "Clash.")
        #expect(throws: MetricError.self) { try registry.register(ExpositionFixture.FixedCollector()) }

        let clean = Registry()
        let registration = try clean.register(ExpositionFixture.FixedCollector())
        #expect(clean.snapshot().map(\.descriptor.name) == ["job_wait_seconds", "jobs_processed"])
        #expect(clean.unregister(registration))
        #expect(clean.snapshot().isEmpty)
    }

    @Test func collectorFamiliesAreSortedAmongRegisteredOnes() throws {
        let registry = Registry()
        _ = try registry.gauge("a_first", help: "First.")
        _ = try registry.gauge("jobs_middle", help: "Between the collector's two families.")
        _ = try registry.gauge("z_last", help: "Last.")
        try registry.register(ExpositionFixture.FixedCollector())
        let text = String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self)
        let order = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE") }.map { $0.split(separator: " ")[2] }
        #expect(order == ["a_first", "job_wait_seconds", "jobs_middle", "jobs_processed_total", "z_last"])
    }

    @Test func snapshotsReadBackEveryValue() throws {
        let registry = try ExpositionFixture.liveRegistry()
        let families = Dictionary(uniqueKeysWithValues: registry.snapshot().map { ($0.descriptor.name, $0) })
        let requests = try #require(families["http_requests"])
        #expect(requests.series.first?.labels["method"] == "GET")
        #expect(requests.series.first?.value == .counter(42, exemplar: nil))
        #expect(requests.series[2].labels.pairs.map(\.value) == ["odd \"quoted\" \\ back", "line\nbreak"])
        guard case .histogram(let latency) = try #require(families["http_request_duration_seconds"]).series[0].value else {
            Issue.record("expected a histogram")
            return
        }
        #expect(latency.cumulativeCounts == [2, 3, 4, 5])
        #expect(latency.count == 5)
    }

    @Test func customSnapshotsMustMatchTheirDescriptor() throws {
        let descriptor = try MetricDescriptor(name: "x_total", help: "X.", type: .counter, labelNames: ["a"])
        #expect(throws: MetricError.self) {
            try MetricFamilySnapshot(descriptor: descriptor, series: [SeriesSnapshot(labels: try Labels(["a": "1"]), value: .gauge(1))])
        }
        #expect(throws: MetricError.self) {
            try MetricFamilySnapshot(descriptor: descriptor, series: [SeriesSnapshot(labels: try Labels(["b": "1"]), value: .counter(1, exemplar: nil))])
        }
    }
}
