import CMallocCounter
import Foundation
import Synchronization

/// Timing and counting helpers. Every figure is the median of several rounds, so one
/// unlucky round (the machine is shared) does not decide a ratio.
///
/// With `--cpu-time`, rows are timed by the measuring threads' own CPU time (time spent
/// descheduled does not count) and the fastest round is reported: on a machine loaded
/// far past its cores, wall-clock medians mostly measure the scheduler.
enum Harness {
    static let rounds = 7
    static let cpuTime = CommandLine.arguments.contains("--cpu-time")

    /// Nanoseconds now: the calling thread's CPU time with `--cpu-time`, else monotonic.
    static func now() -> Double {
        if cpuTime {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) * 1e9 + Double(spec.tv_nsec)
        }
        return seconds(ContinuousClock.now - origin) * 1e9
    }

    private static let origin = ContinuousClock.now

    /// The figure a row reports from its rounds.
    static func summary(_ samples: [Double]) -> Double {
        cpuTime ? samples.min()! : median(samples)
    }

    /// Nanoseconds per operation: `body(n)` performs `n` operations.
    static func nanosecondsPerOperation(_ iterations: Int, _ body: (Int) -> Void) -> Double {
        body(max(1, iterations / 10)) // warm up caches, branch predictors and lazy state
        var samples: [Double] = []
        for _ in 0..<rounds {
            let start = now()
            body(iterations)
            samples.append((now() - start) / Double(iterations))
        }
        return summary(samples)
    }

    /// Wall-clock nanoseconds per operation with `threads` threads each performing
    /// `iterations` operations on shared state at the same time (total ops = threads × iterations).
    static func contendedNanosecondsPerOperation(threads: Int, _ iterations: Int, _ body: @escaping @Sendable (Int) -> Void) -> Double {
        var samples: [Double] = []
        for _ in 0..<rounds {
            let ready = Atomic<Int>(0)
            let go = Atomic<Bool>(false)
            let done = DispatchGroup()
            // With --cpu-time: the threads' CPU nanoseconds, summed.
            let busy = Atomic<Int>(0)
            for _ in 0..<threads {
                done.enter()
                let thread = Thread {
                    ready.add(1, ordering: .relaxed)
                    while !go.load(ordering: .acquiring) {}
                    let start = cpuTime ? now() : 0
                    body(iterations)
                    if cpuTime { busy.add(Int(now() - start), ordering: .relaxed) }
                    done.leave()
                }
                thread.start()
            }
            while ready.load(ordering: .relaxed) < threads {}
            let start = ContinuousClock.now
            go.store(true, ordering: .releasing)
            done.wait()
            if cpuTime {
                // CPU per operation, over the threads: a wall-clock figure would be this
                // divided by the threads running at once.
                samples.append(Double(busy.load(ordering: .relaxed)) / Double(threads * iterations * threads))
            } else {
                samples.append(seconds(ContinuousClock.now - start) * 1e9 / Double(threads * iterations))
            }
        }
        return summary(samples)
    }

    /// Milliseconds per call of `body`.
    static func milliseconds(_ repetitions: Int, _ body: () -> Void) -> Double {
        body()
        var samples: [Double] = []
        for _ in 0..<rounds {
            let start = now()
            for _ in 0..<repetitions { body() }
            samples.append((now() - start) * 1e-6 / Double(repetitions))
        }
        return summary(samples)
    }

    /// Heap allocations per operation over `iterations` operations (after a warm-up).
    static func allocationsPerOperation(_ iterations: Int, _ body: (Int) -> Void) -> Double {
        body(iterations)
        CMallocCounter_reset()
        CMallocCounter_enable(1)
        body(iterations)
        CMallocCounter_enable(0)
        return Double(CMallocCounter_count()) / Double(iterations)
    }

    /// Heap bytes retained per item after `make(count)` builds `count` items; the result
    /// of `make` is kept alive until measured.
    static func bytesPerItem<T>(_ count: Int, _ make: (Int) -> T) -> Double {
        let before = CMallocCounter_bytesInUse()
        let kept = make(count)
        let after = CMallocCounter_bytesInUse()
        withExtendedLifetime(kept) {}
        return Double(after - before) / Double(count)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}

/// One row of the report: Lookout's figure, the peer's, and how many times better
/// Lookout is (peer ÷ Lookout, so > 1 means Lookout wins, for "lower is better" units).
struct Row {
    let name: String
    let unit: String
    let lookout: Double
    let peer: Double?
    let target: String

    var ratio: Double? { peer.map { $0 / lookout } }
}

enum Report {
    static func print(_ title: String, peerName: String, rows: [Row]) {
        Swift.print("\n\(title)")
        let header = pad("benchmark", 46) + pad("lookout", 16) + pad(peerName, 18) + pad("ratio", 10) + "target"
        Swift.print(header)
        Swift.print(String(repeating: "-", count: header.count + 12))
        for row in rows {
            let ratio = row.ratio.map { String(format: "%.2fx", $0) } ?? "-"
            Swift.print(pad(row.name, 46) + pad(format(row.lookout, row.unit), 16)
                        + pad(row.peer.map { format($0, row.unit) } ?? "-", 18) + pad(ratio, 10) + row.target)
        }
    }

    private static func format(_ value: Double, _ unit: String) -> String {
        if value >= 100 { return String(format: "%.0f %@", value, unit) }
        if value >= 10 { return String(format: "%.1f %@", value, unit) }
        return String(format: "%.2f %@", value, unit)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
