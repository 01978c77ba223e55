import CoreMetrics
import Lookout
import LookoutMetrics
import LookoutTesting
import Synchronization
import Testing

@Suite struct LookoutMetricsFactoryTests {
    /// A factory over a fresh registry, collecting reported problems.
    final class Fixture: Sendable {
        final class Sink: Sendable {
            let problems = Mutex<[MetricsProblem]>([])
        }

        let registry = Registry()
        let reported = Sink()
        let factory: LookoutMetricsFactory

        init(configure: (inout LookoutMetricsFactory.Configuration) -> Void = { _ in }) {
            var configuration = LookoutMetricsFactory.Configuration()
            let sink = reported
            configuration.onProblem = { problem in sink.problems.withLock { $0.append(problem) } }
            configure(&configuration)
            factory = LookoutMetricsFactory(registry: registry, configuration: configuration)
        }

        var text: String { String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self) }
        var problems: [MetricsProblem] { reported.problems.withLock { $0 } }
    }

    @Test func everyMetricTypeBecomesAFamily() throws {
        let fixture = Fixture { $0.timerBuckets["db.query"] = try! Buckets([0.001, 0.01, 0.1]) }
        let factory = fixture.factory
        CoreMetrics.Counter(label: "http.requests", dimensions: [("method", "GET"), ("status", "200")], factory: factory).increment(by: 3)
        FloatingPointCounter(label: "bytes.sent", factory: factory).increment(by: 1.5)
        Meter(label: "queue.depth", dimensions: [("queue", "main")], factory: factory).set(7)
        Recorder(label: "temperature", aggregate: false, factory: factory).record(21.5)
        Recorder(label: "payload.size", aggregate: true, factory: factory).record(0.3)
        let timer = CoreMetrics.Timer(label: "db.query", dimensions: [("table", "users")], factory: factory)
        timer.recordNanoseconds(5_000_000)
        timer.recordMilliseconds(50)
        #expect(fixture.text == """
            # HELP bytes_sent_total swift-metrics counter 'bytes.sent'.
            # TYPE bytes_sent_total counter
            bytes_sent_total 1.5
            # HELP db_query_seconds swift-metrics timer 'db.query'.
            # TYPE db_query_seconds histogram
            db_query_seconds_bucket{table="users",le="0.001"} 0
            db_query_seconds_bucket{table="users",le="0.01"} 1
            db_query_seconds_bucket{table="users",le="0.1"} 2
            db_query_seconds_bucket{table="users",le="+Inf"} 2
            db_query_seconds_sum{table="users"} 0.055
            db_query_seconds_count{table="users"} 2
            # HELP http_requests_total swift-metrics counter 'http.requests'.
            # TYPE http_requests_total counter
            http_requests_total{method="GET",status="200"} 3
            # HELP lookout_metrics_problems_total Problems of metrics recorded through swift-metrics, by kind (see LookoutMetrics' MetricsProblem).
            # TYPE lookout_metrics_problems_total counter
            # HELP payload_size swift-metrics histogram 'payload.size'.
            # TYPE payload_size histogram
            payload_size_bucket{le="0.005"} 0
            payload_size_bucket{le="0.01"} 0
            payload_size_bucket{le="0.025"} 0
            payload_size_bucket{le="0.05"} 0
            payload_size_bucket{le="0.1"} 0
            payload_size_bucket{le="0.25"} 0
            payload_size_bucket{le="0.5"} 1
            payload_size_bucket{le="1.0"} 1
            payload_size_bucket{le="2.5"} 1
            payload_size_bucket{le="5.0"} 1
            payload_size_bucket{le="10.0"} 1
            payload_size_bucket{le="+Inf"} 1
            payload_size_sum 0.3
            payload_size_count 1
            # HELP queue_depth swift-metrics gauge 'queue.depth'.
            # TYPE queue_depth gauge
            queue_depth{queue="main"} 7
            # HELP temperature swift-metrics gauge 'temperature'.
            # TYPE temperature gauge
            temperature 21.5

            """)
        #expect(fixture.problems.isEmpty)
    }

    @Test func repeatedCreationSharesTheSeries() {
        let fixture = Fixture()
        for _ in 0..<100 {
            CoreMetrics.Counter(label: "hits", dimensions: [("route", "/a/{id}")], factory: fixture.factory).increment()
        }
        #expect(fixture.registry.sampleValue("hits_total", labels: ["route": "/a/{id}"]) == 100)
    }

    @Test func meterIncrementsAndDecrements() {
        let fixture = Fixture()
        let meter = Meter(label: "in_flight", factory: fixture.factory)
        meter.increment()
        meter.increment(by: 2.5)
        meter.decrement()
        #expect(fixture.registry.sampleValue("in_flight") == 2.5)
    }

    @Test func collidingNamesShareAFamilyAndAreReportedOnce() {
        let fixture = Fixture()
        for _ in 0..<3 {
            CoreMetrics.Counter(label: "cache.hits", factory: fixture.factory).increment()
            CoreMetrics.Counter(label: "cache-hits", factory: fixture.factory).increment()
        }
        #expect(fixture.registry.sampleValue("cache_hits_total") == 6)
        #expect(fixture.problems.map(\.kind) == [.nameCollision])
        #expect(fixture.problems.first?.label == "cache-hits")
        #expect(fixture.factory.problems == fixture.problems)
    }

    @Test func collidingDimensionKeysGetSuffixes() {
        let fixture = Fixture()
        CoreMetrics.Counter(label: "odd", dimensions: [("a.b", "1"), ("a-b", "2"), ("le", "3"), ("", "4")], factory: fixture.factory).increment()
        #expect(fixture.registry.sampleValue("odd_total", labels: ["a_b": "1", "a_b_2": "2", "_le": "3", "dimension": "4"]) == 1)
        #expect(fixture.problems.map(\.kind) == [.labelCollision])
    }

    @Test func otherDimensionKeysMapOntoTheFirstUse() {
        let fixture = Fixture()
        let factory = fixture.factory
        CoreMetrics.Counter(label: "jobs", dimensions: [("queue", "a"), ("priority", "high")], factory: factory).increment()
        // Same keys, other order: matched by name, no problem.
        CoreMetrics.Counter(label: "jobs", dimensions: [("priority", "high"), ("queue", "a")], factory: factory).increment()
        // A missing key is an empty label; an unknown key is dropped.
        CoreMetrics.Counter(label: "jobs", dimensions: [("queue", "b")], factory: factory).increment()
        CoreMetrics.Counter(label: "jobs", dimensions: [("queue", "c"), ("priority", "low"), ("worker", "7")], factory: factory).increment(by: 5)
        #expect(fixture.registry.sampleValue("jobs_total", labels: ["queue": "a", "priority": "high"]) == 2)
        #expect(fixture.registry.sampleValue("jobs_total", labels: ["queue": "b", "priority": ""]) == 1)
        #expect(fixture.registry.sampleValue("jobs_total", labels: ["queue": "c", "priority": "low"]) == 5)
        #expect(fixture.problems.map(\.kind) == [.dimensionMismatch, .dimensionMismatch])
    }

    @Test func aNameTakenByAnotherTypeGetsATypeSuffix() {
        let fixture = Fixture()
        CoreMetrics.Counter(label: "jobs", factory: fixture.factory).increment()
        Meter(label: "jobs", factory: fixture.factory).set(4)
        CoreMetrics.Timer(label: "jobs", factory: fixture.factory).recordSeconds(1)
        Recorder(label: "jobs_seconds", aggregate: true, factory: fixture.factory).record(2)
        #expect(fixture.registry.sampleValue("jobs_total") == 1)
        #expect(fixture.registry.sampleValue("jobs_gauge") == 4)
        #expect(fixture.registry.sampleValue("jobs_seconds_count") == 1)
        #expect(fixture.registry.sampleValue("jobs_seconds_histogram_count") == 1)
        #expect(fixture.problems.map(\.kind) == [.typeConflict, .typeConflict])
    }

    @Test func reservedSuffixesAreAvoided() {
        let fixture = Fixture()
        Meter(label: "requests_total", factory: fixture.factory).set(1)
        Meter(label: "build_info", factory: fixture.factory).set(2)
        CoreMetrics.Counter(label: "events_total", factory: fixture.factory).increment()
        #expect(fixture.registry.sampleValue("requests_total_value") == 1)
        #expect(fixture.registry.sampleValue("build_info_value") == 2)
        #expect(fixture.registry.sampleValue("events_total") == 1)
        #expect(fixture.problems.isEmpty)
    }

    @Test func destroyStopsExposingTheSeries() {
        let fixture = Fixture()
        let counter = CoreMetrics.Counter(label: "sessions", dimensions: [("user", "u1")], factory: fixture.factory)
        counter.increment(by: 4)
        let timer = CoreMetrics.Timer(label: "sessions.length", dimensions: [("user", "u1")], factory: fixture.factory)
        timer.recordSeconds(3)
        let meter = Meter(label: "sessions.open", dimensions: [("user", "u1")], factory: fixture.factory)
        meter.set(1)
        counter.destroy()
        timer.destroy()
        meter.destroy()
        #expect(fixture.registry.sampleValue("sessions_total", labels: ["user": "u1"]) == nil)
        #expect(fixture.registry.sampleValue("sessions_length_seconds_count", labels: ["user": "u1"]) == nil)
        #expect(fixture.registry.sampleValue("sessions_open", labels: ["user": "u1"]) == nil)
        // Recording through a destroyed handle is harmless and not exposed.
        counter.increment()
        #expect(fixture.registry.sampleValue("sessions_total", labels: ["user": "u1"]) == nil)
        // A new handle starts a new series.
        CoreMetrics.Counter(label: "sessions", dimensions: [("user", "u1")], factory: fixture.factory).increment()
        #expect(fixture.registry.sampleValue("sessions_total", labels: ["user": "u1"]) == 1)
    }

    @Test func resetStartsTheCounterAgain() {
        let fixture = Fixture()
        let counter = CoreMetrics.Counter(label: "retries", factory: fixture.factory)
        counter.increment(by: 9)
        counter.reset()
        counter.increment(by: 2)
        #expect(fixture.registry.sampleValue("retries_total") == 2)
        let floating = FloatingPointCounter(label: "seconds.spent", factory: fixture.factory)
        floating.increment(by: 2.5)
        floating.reset()
        #expect(fixture.registry.sampleValue("seconds_spent_total") == 0)
    }

    @Test func invalidValuesAreIgnoredAndReported() {
        let fixture = Fixture()
        let counter = CoreMetrics.Counter(label: "c", factory: fixture.factory)
        counter.increment(by: -5)
        counter.increment(by: 2)
        let floating = FloatingPointCounter(label: "f", factory: fixture.factory)
        floating.increment(by: Double.nan)
        floating.increment(by: -Double.infinity)
        floating.increment(by: 0.5)
        let timer = CoreMetrics.Timer(label: "t", factory: fixture.factory)
        timer.recordNanoseconds(-1)
        #expect(fixture.registry.sampleValue("c_total") == 2)
        #expect(fixture.registry.sampleValue("f_total") == 0.5)
        #expect(fixture.registry.sampleValue("t_seconds_count") == 0)
        #expect(fixture.problems.count == 4)
        #expect(fixture.problems.allSatisfy { $0.kind == .invalidValue })
        #expect(fixture.registry.sampleValue("lookout_metrics_problems_total", labels: ["kind": "invalid_value"]) == 4)
    }

    @Test func tenThousandDistinctValuesStayBounded() {
        let fixture = Fixture { $0.maximumSeriesPerFamily = 1_000 }
        for index in 0..<10_000 {
            CoreMetrics.Counter(label: "requests", dimensions: [("user", "user-\(index)")], factory: fixture.factory).increment()
        }
        let family = fixture.registry.snapshot().first { $0.descriptor.name == "requests" }
        #expect(family?.series.count == 1_001)
        #expect(fixture.registry.sampleValue("requests_total", labels: ["user": "user-999"]) == 1)
        #expect(fixture.registry.sampleValue("requests_total", labels: ["user": "__overflow__"]) == 9_000)
        #expect(fixture.problems.map(\.kind) == [.seriesLimit])
        #expect(fixture.registry.sampleValue("lookout_metrics_problems_total", labels: ["kind": "series_limit"]) == 9_000)
    }

    @Test func concurrentCreationAndRecordingAgree() async {
        let fixture = Fixture()
        let factory = fixture.factory
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    for index in 0..<2_000 {
                        CoreMetrics.Counter(label: "work", dimensions: [("shard", "s\(index % 10)")], factory: factory).increment()
                        CoreMetrics.Timer(label: "work.time", dimensions: [("task", "t\(task)")], factory: factory).recordNanoseconds(1_000)
                    }
                }
            }
        }
        let total = (0..<10).compactMap { fixture.registry.sampleValue("work_total", labels: ["shard": "s\($0)"]) }.reduce(0, +)
        #expect(total == 8_000)
        #expect(fixture.registry.sampleValue("work_time_seconds_count", labels: ["task": "t3"]) == 2_000)
    }
}
