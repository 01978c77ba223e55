import Lookout
@testable import LookoutTesting
import Testing

@Suite struct SampleValueTests {
    @Test func readsEveryKindOfSample() throws {
        let registry = Registry()
        try registry.counterFamily("jobs_total", help: "Jobs.", labelNames: ["queue"]).labels("emails").inc(by: 3)
        try registry.gauge("depth", help: "Depth.").set(7)
        let latency = try registry.histogram("wait_seconds", help: "Wait.", unit: .seconds, buckets: try Buckets([0.5, 1]))
        latency.observe(0.25)
        latency.observe(0.75)
        try registry.info("build", help: "Build.", labels: ["version": "1.0"])
        try registry.stateSet("phase", help: "Phase.", states: ["up", "down"]).set("up")

        #expect(registry.sampleValue("jobs_total", labels: ["queue": "emails"]) == 3)
        #expect(registry.sampleValue("jobs_total", labels: ["queue": "sms"]) == nil)
        #expect(registry.sampleValue("depth") == 7)
        #expect(registry.sampleValue("wait_seconds_count") == 2)
        #expect(registry.sampleValue("wait_seconds_sum") == 1)
        #expect(registry.sampleValue("wait_seconds_bucket", labels: ["le": "0.5"]) == 1)
        #expect(registry.sampleValue("wait_seconds_bucket", labels: ["le": "+Inf"]) == 2)
        #expect(registry.sampleValue("build_info", labels: ["version": "1.0"]) == 1)
        #expect(registry.sampleValue("phase", labels: ["phase": "up"]) == 1)
        #expect(registry.sampleValue("phase", labels: ["phase": "down"]) == 0)
        #expect(registry.sampleValue("missing") == nil)
    }
}

@Suite struct ExpositionAssertionTests {
    static func registry() throws -> Registry {
        let registry = Registry()
        try registry.counter("jobs_total", help: "Jobs.").inc(by: 2)
        try registry.gauge("unrelated", help: "Not under test.").set(1)
        return registry
    }

    @Test func passesOnTheExactTextOfTheChosenFamilies() throws {
        expectExposition(try Self.registry(), families: ["jobs"], equals: """
            # HELP jobs_total Jobs.
            # TYPE jobs_total counter
            jobs_total 2

            """)
        expectExposition(try Self.registry(), format: .openMetrics, families: ["jobs"], equals: """
            # TYPE jobs counter
            # HELP jobs Jobs.
            jobs_total 2
            # EOF

            """)
    }

    @Test func failsWithALineDiff() throws {
        let registry = try Self.registry()
        withKnownIssue {
            expectExposition(registry, families: ["jobs"], equals: "# HELP jobs_total Jobs.\n# TYPE jobs_total counter\njobs_total 3\n")
        } matching: { issue in
            String(describing: issue).contains("- jobs_total 3") && String(describing: issue).contains("+ jobs_total 2")
        }
    }

    @Test func lineDiffMarksOnlyWhatChanged() {
        #expect(lineDiff(expected: "a\nb\nc", actual: "a\nx\nc") == "  a\n+ x\n- b\n  c")
    }
}

@Suite struct ManualClockTests {
    @Test func sleepersWakeWhenTimeIsAdvancedPastTheirDeadline() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(10)) }
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: .seconds(9))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        try await sleeper.value
        #expect(clock.now.offset == .seconds(10))
    }

    @Test func pastDeadlinesReturnAtOnceAndTimeNeverGoesBack() async throws {
        let clock = ManualClock()
        clock.advance(by: .seconds(5))
        try await clock.sleep(until: .init(offset: .seconds(1)))
        clock.advance(to: .init(offset: .seconds(2)))
        #expect(clock.now.offset == .seconds(5))
    }

    @Test func cancellationWakesASleeperWithAnError() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.sleeperCount == 0 { await Task.yield() }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }
}
