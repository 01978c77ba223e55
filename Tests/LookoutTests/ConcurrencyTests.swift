import Dispatch
import Lookout
import Testing

/// N threads × M operations must add up exactly: no lost updates on any path (the plain
/// atomics, the striped cells contention switches to, and series creation races).
@Suite struct ConcurrencyTests {
    static let threads = 8
    static let operations = 50_000

    @Test func counterIncrementsAreExact() throws {
        let registry = Registry()
        let counter = try registry.counter("hits_total", help: "Hits.")
        DispatchQueue.concurrentPerform(iterations: Self.threads) { _ in
            for _ in 0..<Self.operations { counter.inc() }
        }
        #expect(counter.value == Double(Self.threads * Self.operations))
    }

    @Test func mixedIntegerAndFloatingIncrementsAreExact() throws {
        let registry = Registry()
        let counter = try registry.counter("bytes_total", help: "Bytes.")
        DispatchQueue.concurrentPerform(iterations: Self.threads) { _ in
            for _ in 0..<Self.operations {
                counter.inc(by: 3)
                counter.inc(by: 0.5) // exact in binary, so the float total stays exact
            }
        }
        #expect(counter.value == Double(Self.threads * Self.operations) * 3.5)
    }

    @Test func histogramCountAndSumAreExact() throws {
        let registry = Registry()
        let histogram = try registry.histogram("wait_seconds", help: "Wait.", unit: .seconds, buckets: try Buckets([1, 2, 3]))
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            for index in 0..<Self.operations { histogram.observe(Double((thread + index) % 4)) }
        }
        let total = Self.threads * Self.operations
        #expect(histogram.count == UInt64(total))
        let quarter = UInt64(total / 4)
        #expect(histogram.bucketCounts == [2 * quarter, quarter, quarter, 0]) // 0 and 1 both fall in le="1.0"
        #expect(histogram.sum == Double(total / 4) * (0 + 1 + 2 + 3))
    }

    @Test func gaugeIncrementsAndDecrementsBalance() throws {
        let registry = Registry()
        let gauge = try registry.gauge("in_flight", help: "In flight.")
        DispatchQueue.concurrentPerform(iterations: Self.threads) { _ in
            for _ in 0..<Self.operations { gauge.inc(); gauge.dec(by: 0.5) }
        }
        #expect(gauge.value == Double(Self.threads * Self.operations) * 0.5)
    }

    @Test func racingLookupsCreateOneSeriesPerLabelSet() throws {
        let registry = Registry()
        let family = try registry.counterFamily("requests_total", help: "Requests.", labelNames: ["route", "status"])
        let routes = (0..<200).map { "/route/\($0)" }
        DispatchQueue.concurrentPerform(iterations: Self.threads) { _ in
            for round in 0..<50 {
                for route in routes { family.labels(route, round.isMultiple(of: 2) ? "200" : "500").inc() }
            }
        }
        #expect(family.series.count == 400)
        #expect(family.series.allSatisfy { $0.value == Double(Self.threads * 25) })
        #expect(family.labels("/route/7", "200") === family.labels("/route/7", "200"))
    }
}
