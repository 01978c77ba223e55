@testable import Lookout
import Testing

@Suite struct FamilyTests {
    /// Values that exercise every lookup path: small and large strings, escapes,
    /// non-ASCII, empty, and values that only differ in where one ends.
    static let awkwardValues = [
        "", "a", "GET", "exactly8", "fifteen_chars__", "sixteen_chars___", "a much longer label value than sixteen bytes",
        "quote\"inside", "back\\slash", "new\nline", "ünïcödé", "日本語のラベル値はとても長いです", "ab", "a\u{0}b",
    ]

    @Test func lookupsFindTheSeriesTheyCreated() throws {
        let registry = Registry()
        let family = try registry.counterFamily("odd_total", help: "Odd values.", labelNames: ["first", "second"])
        for first in Self.awkwardValues {
            for second in Self.awkwardValues { family.labels(first, second).inc() }
        }
        for first in Self.awkwardValues {
            for second in Self.awkwardValues {
                let series = family.labels(first, second)
                series.inc()
                #expect(series.value == 2, "\(first) / \(second)")
                #expect(series.labels.pairs.map(\.value) == [first, second])
            }
        }
        #expect(family.series.count == Self.awkwardValues.count * Self.awkwardValues.count)
    }

    @Test func adjacentValuesDoNotRunTogether() throws {
        let registry = Registry()
        let family = try registry.counterFamily("pairs_total", help: "Pairs.", labelNames: ["a", "b"])
        family.labels("ab", "c").inc()
        family.labels("a", "bc").inc(by: 2)
        #expect(family.labels("ab", "c").value == 1)
        #expect(family.labels("a", "bc").value == 2)
    }

    @Test func smallStringsAreReadFromTheirInlineBytes() {
        // LabelKey reads strings of up to 15 bytes from the String value itself; this
        // checks that assumption about Swift's 64-bit string layout on this toolchain.
        for value in Self.awkwardValues + ["x", String(repeating: "y", count: 15), "s" + String(12345)] {
            var copy = value
            let viaBytes = copy.withUTF8 { Array($0) }
            let words = withUnsafeBytes(of: value) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
            guard let count = LabelKey.smallCount(words.1) else {
                #expect(viaBytes.count > 15, "a \(viaBytes.count)-byte string was not in small form")
                continue
            }
            var inline: [UInt8] = []
            withUnsafeBytes(of: words.0) { inline += $0 }
            withUnsafeBytes(of: words.1) { inline += $0.prefix(7) }
            #expect(Array(inline.prefix(count)) == viaBytes)
            #expect(inline.dropFirst(count).allSatisfy { $0 == 0 })
        }
    }

    @Test func growthKeepsEverySeriesReachable() throws {
        let registry = Registry()
        let family = try registry.gaugeFamily("shards", help: "Shards.", labelNames: ["shard"])
        for index in 0..<5_000 { family.labels("shard-\(index)").set(Double(index)) }
        for index in stride(from: 0, to: 5_000, by: 7) { #expect(family.labels("shard-\(index)").value == Double(index)) }
        #expect(family.series.count == 5_000)
    }

    @Test func removedSeriesAreNotExposedAndComeBackFresh() throws {
        let registry = Registry()
        let family = try registry.counterFamily("sessions_total", help: "Sessions.", labelNames: ["user_tier"])
        family.labels("free").inc(by: 5)
        family.labels("paid").inc(by: 7)
        #expect(family.remove(labelValues: ["free"]))
        #expect(!family.remove(labelValues: ["free"]))
        #expect(!family.remove(labelValues: ["free", "extra"]))
        #expect(family.series.map(\.value) == [7])
        #expect(family.labels("paid").value == 7)
        #expect(family.labels("free").value == 0)
        // Many removals and re-additions keep lookups correct (tombstones, rebuilds).
        for round in 0..<50 {
            for index in 0..<20 { family.labels("tier-\(index)").inc() }
            for index in 0..<20 where (index + round).isMultiple(of: 2) { family.remove(labelValues: ["tier-\(index)"]) }
        }
        #expect(family.labels("paid").value == 7)
        #expect(family.series.count == Set(family.series.map { $0.labels["user_tier"]! }).count)
    }

    @Test func countersTakeIntegerAndFloatingIncrements() throws {
        let registry = Registry()
        let counter = try registry.counter("mixed_total", help: "Mixed.")
        counter.inc()
        counter.inc(by: 2)
        counter.inc(by: 0.25)
        counter.inc(by: 3.0)
        counter.inc(by: 1e300)
        #expect(counter.value == 1e300)
        let exact = try registry.counter("exact_total", help: "Exact.")
        exact.inc(by: 9_007_199_254_740_991)
        exact.inc()
        #expect(exact.value == 9_007_199_254_740_992)
    }

    @Test func gaugesMoveBothWays() throws {
        let registry = Registry()
        let gauge = try registry.gauge("level", help: "Level.")
        gauge.set(10)
        gauge.inc(by: 2.5)
        gauge.dec()
        #expect(gauge.value == 11.5)
        gauge.setToCurrentTime()
        #expect(gauge.value > 1_600_000_000)
    }

    @Test func histogramsTimeWorkAndIgnoreNaN() throws {
        let registry = Registry()
        let histogram = try registry.histogram("work_seconds", help: "Work.", unit: .seconds, buckets: try Buckets([0.001, 10]))
        let result = histogram.time { (1...1000).reduce(0, +) }
        #expect(result == 500_500)
        histogram.observe(.nan)
        histogram.observe(Duration.milliseconds(1500))
        #expect(histogram.count == 2)
        #expect(histogram.bucketCounts.reduce(0, +) == 2)
        #expect(histogram.sum >= 1.5 && histogram.sum < 2)
        struct Failure: Error {}
        #expect(throws: Failure.self) { try histogram.time { throw Failure() } }
        #expect(histogram.count == 3)
    }

    @Test func asyncTimingRecordsTheAwaitedDuration() async throws {
        let registry = Registry()
        let histogram = try registry.histogram("sleep_seconds", help: "Sleep.", unit: .seconds)
        try await histogram.time { try await Task.sleep(for: .milliseconds(20)) }
        #expect(histogram.count == 1)
        #expect(histogram.sum >= 0.019)
    }

    @Test func liveExemplarsAppearInOpenMetrics() throws {
        let registry = Registry()
        let counter = try registry.counter("traced_total", help: "Traced.")
        let histogram = try registry.histogram("traced_seconds", help: "Traced.", unit: .seconds, buckets: try Buckets([1]))
        let trace = try ExemplarLabels.trace(id: "abc", span: "def")
        counter.inc(by: 2, exemplar: trace)
        histogram.observe(0.5, exemplar: trace)
        let text = String(decoding: registry.exposition(format: .openMetrics), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("traced_total 2 # {trace_id=\"abc\",span_id=\"def\"} 2 ") })
        #expect(lines.contains { $0.hasPrefix("traced_seconds_bucket{le=\"1.0\"} 1 # {trace_id=\"abc\",span_id=\"def\"} 0.5 ") })
        #expect(!String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self).contains("trace_id"))
    }

    @Test func infoFamiliesExposeEachLabelSet() throws {
        let registry = Registry()
        let targets = try registry.infoFamily("target", help: "Targets.", labelNames: ["name", "url"])
        _ = targets.labels("bybit", "https://api.bybit.com")
        #expect(String(decoding: registry.exposition(format: .prometheusText), as: UTF8.self)
            == "# HELP target_info Targets.\n# TYPE target_info gauge\ntarget_info{name=\"bybit\",url=\"https://api.bybit.com\"} 1\n")
    }
}
