import Foundation

/// Prints a line and flushes it at once, so a run stopped early still shows what it measured.
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Repeats an operation and reports percentiles of its wall time, in microseconds.
enum Timing {
    struct Summary {
        var p50: Double
        var p99: Double
    }

    static func measure(iterations: Int, warmup: Int = 50, _ operation: () throws -> Void) rethrows -> Summary {
        for _ in 0..<warmup { try operation() }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let start = clock.now
            try operation()
            samples.append(microseconds(start.duration(to: clock.now)))
        }
        return summarize(samples)
    }

    static func measure(iterations: Int, warmup: Int = 50, _ operation: () async throws -> Void) async rethrows -> Summary {
        for _ in 0..<warmup { try await operation() }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let start = clock.now
            try await operation()
            samples.append(microseconds(start.duration(to: clock.now)))
        }
        return summarize(samples)
    }

    static func summarize(_ samples: [Double]) -> Summary {
        let sorted = samples.sorted()
        return Summary(p50: sorted[sorted.count / 2], p99: sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
    }

    static func microseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000_000 + Double(attoseconds) / 1_000_000_000_000
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
