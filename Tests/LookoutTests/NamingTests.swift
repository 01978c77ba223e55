import Lookout
import Testing

/// Bad names, labels, units, buckets and states: each a typed error naming the metric
/// and saying how to fix it, never malformed exposition.
@Suite struct NamingTests {
    @Test(arguments: [
        ("", MetricType.gauge, MetricError.Code.invalidName),
        ("1st_metric", .gauge, .invalidName),
        ("has-dash", .gauge, .invalidName),
        ("has:colon", .gauge, .invalidName),
        ("__reserved", .gauge, .invalidName),
        ("coffee☕️", .gauge, .invalidName),
        ("thing_created", .gauge, .invalidName),
        ("thing_bucket", .histogram, .invalidName),
        ("thing_total", .gauge, .invalidName),
        ("thing_info", .counter, .invalidName),
        ("thing_total_total", .counter, .invalidName),
    ])
    func invalidMetricNames(name: String, type: MetricType, code: MetricError.Code) {
        #expect { try MetricDescriptor(name: name, help: "Help.", type: type) } throws: { ($0 as? MetricError)?.code == code }
    }

    @Test(arguments: [
        (["ok", "has-dash"], MetricType.counter, MetricError.Code.invalidLabelName),
        (["9lives"], .counter, .invalidLabelName),
        ([""], .counter, .invalidLabelName),
        (["__name__"], .counter, .reservedLabelName),
        (["le"], .histogram, .reservedLabelName),
        (["quantile"], .gauge, .reservedLabelName),
        (["phase"], .stateSet, .reservedLabelName),
        (["a", "a"], .counter, .duplicateLabelName),
    ])
    func invalidLabelNames(labels: [String], type: MetricType, code: MetricError.Code) {
        #expect { try MetricDescriptor(name: "phase", help: "Help.", type: type, labelNames: labels) } throws: { ($0 as? MetricError)?.code == code }
    }

    @Test func leIsAllowedOutsideHistograms() throws {
        _ = try MetricDescriptor(name: "thing", help: "Help.", type: .gauge, labelNames: ["le"])
    }

    @Test func unitMustBeTheNamesSuffix() throws {
        let error = try #require(throws: MetricError.self) {
            try MetricDescriptor(name: "request_duration_ms", help: "Latency.", type: .histogram, unit: .seconds)
        }
        #expect(error.code == .unitMismatch)
        #expect(error.description == "metric 'request_duration_ms': unit 'seconds' requires the name to end in '_seconds'; rename it to 'request_duration_ms_seconds' or drop the unit")
        _ = try MetricDescriptor(name: "sent_bytes_total", help: "Sent.", type: .counter, unit: .bytes)
        #expect(throws: MetricError.self) { try MetricDescriptor(name: "sent_seconds", help: "Sent.", type: .gauge, unit: .bytes) }
        #expect(throws: MetricError.self) { try MetricDescriptor(name: "x_Seconds", help: "X.", type: .gauge, unit: "Seconds") }
    }

    @Test func helpIsRequired() {
        #expect { try MetricDescriptor(name: "thing", help: "", type: .gauge) } throws: { ($0 as? MetricError)?.code == .missingHelp }
    }

    @Test func countersAndInfoNamesNormalise() throws {
        #expect(try MetricDescriptor(name: "jobs_total", help: "Jobs.", type: .counter).name == "jobs")
        #expect(try MetricDescriptor(name: "jobs", help: "Jobs.", type: .counter).name == "jobs")
        #expect(try MetricDescriptor(name: "build_info", help: "Build.", type: .info).name == "build")
    }

    @Test(arguments: [[], [1, 1], [2, 1], [1, Double.nan], [-Double.infinity, 1], [1, Double.infinity, 2]] as [[Double]])
    func invalidBuckets(bounds: [Double]) {
        #expect { try Buckets(bounds) } throws: { ($0 as? MetricError)?.code == .invalidBuckets }
    }

    @Test func bucketHelpers() throws {
        #expect(try Buckets.linear(start: 1, width: 2, count: 3).upperBounds == [1, 3, 5])
        #expect(try Buckets.exponential(start: 1, factor: 10, count: 4).upperBounds == [1, 10, 100, 1000])
        #expect(try Buckets([0.5, 1, .infinity]).upperBounds == [0.5, 1])
        #expect(Buckets.default.upperBounds.count == 11)
        #expect(throws: MetricError.self) { try Buckets.linear(start: 0, width: 0, count: 3) }
        #expect(throws: MetricError.self) { try Buckets.exponential(start: 0, factor: 2, count: 3) }
        #expect(throws: MetricError.self) { try Buckets.exponential(start: 1, factor: 1, count: 3) }
    }

    @Test func stateSetsNeedDistinctStates() throws {
        let registry = Registry()
        #expect(throws: MetricError.self) { try registry.stateSet("mode", help: "Mode.", states: []) }
        #expect(throws: MetricError.self) { try registry.stateSet("mode", help: "Mode.", states: ["a", "a"]) }
        #expect(throws: MetricError.self) { try registry.stateSet("mode", help: "Mode.", states: (0..<65).map { "s\($0)" }) }
        let mode = try registry.stateSet("mode", help: "Mode.", states: ["a", "b", "c"])
        #expect { try mode.set("d") } throws: { ($0 as? MetricError)?.code == .invalidValue }
        try mode.set(enabled: ["a", "c"])
        #expect(mode.enabledStates == ["a", "c"])
        #expect(mode.isEnabled("c") && !mode.isEnabled("b") && !mode.isEnabled("zzz"))
    }

    @Test func exemplarLabelsAreLimitedTo128Characters() throws {
        _ = try ExemplarLabels(["trace_id": String(repeating: "a", count: 120)])
        #expect { try ExemplarLabels(["trace_id": String(repeating: "a", count: 121)]) } throws: { ($0 as? MetricError)?.code == .invalidExemplar }
        #expect { try ExemplarLabels(["bad-name": "x"]) } throws: { ($0 as? MetricError)?.code == .invalidExemplar }
    }

    @Test func wrongLabelCountIsAnErrorOnTheCheckedPath() throws {
        let registry = Registry()
        let family = try registry.counterFamily("calls_total", help: "Calls.", labelNames: ["method", "status"])
        let error = try #require(throws: MetricError.self) { try family.child(labelValues: ["GET"]) }
        #expect(error.code == .labelCountMismatch)
        #expect(error.message.contains("[\"method\", \"status\"]"))
        #expect(try family.child(labelValues: ["GET", "200"]) === family.labels("GET", "200"))
    }
}
