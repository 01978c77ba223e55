import Foundation
import Synchronization

/// Medians of several rounds, so one unlucky round on a shared machine does not decide a figure.
enum Timing {
    static let rounds = 5

    /// Nanoseconds per operation with `threads` threads each running `body(iterations)` at once.
    static func nanoseconds(threads: Int = 1, _ iterations: Int, _ body: @escaping @Sendable (_ thread: Int, _ iterations: Int) -> Void) -> Double {
        measure(threads: threads, iterations, body).wall
    }

    /// The process's CPU time in ns (all threads): unlike wall time, it leaves out the time
    /// other processes on a loaded machine held the CPU.
    static func processCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1e9 + Double(spec.tv_nsec)
    }

    /// Wall-clock and CPU nanoseconds per operation (medians of ``rounds``).
    static func measure(threads: Int = 1, _ iterations: Int, _ body: @escaping @Sendable (_ thread: Int, _ iterations: Int) -> Void) -> (wall: Double, cpu: Double) {
        body(0, max(1, iterations / 10))
        var samples: [Double] = []
        var cpuSamples: [Double] = []
        for _ in 0..<rounds {
            let cpuStart = processCPU()
            defer { cpuSamples.append((processCPU() - cpuStart) / Double(threads * iterations)) }
            if threads == 1 {
                let start = ContinuousClock.now
                body(0, iterations)
                samples.append(seconds(ContinuousClock.now - start) * 1e9 / Double(iterations))
                continue
            }
            let ready = Atomic<Int>(0)
            let go = Atomic<Bool>(false)
            let done = DispatchGroup()
            for thread in 0..<threads {
                done.enter()
                Thread {
                    ready.add(1, ordering: .relaxed)
                    while !go.load(ordering: .acquiring) {}
                    body(thread, iterations)
                    done.leave()
                }.start()
            }
            while ready.load(ordering: .relaxed) < threads {}
            let start = ContinuousClock.now
            go.store(true, ordering: .releasing)
            done.wait()
            samples.append(seconds(ContinuousClock.now - start) * 1e9 / Double(threads * iterations))
        }
        return (samples.sorted()[samples.count / 2], cpuSamples.sorted()[cpuSamples.count / 2])
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A table row: name, Lookout figure, peer figure, ratio.
    static func row(_ name: String, _ value: Double, unit: String, peer: Double? = nil, peerName: String = "", cpu: Double? = nil) {
        let text = name.padding(toLength: 58, withPad: " ", startingAt: 0)
        let cpuText = cpu.map { "   cpu \(String(format: "%7.1f", $0)) \(unit)" } ?? ""
        if let peer {
            print("\(text) \(String(format: "%10.1f", value)) \(unit)   \(peerName) \(String(format: "%10.1f", peer)) \(unit)   ratio \(String(format: "%.2f", peer / value))\(cpuText)")
        } else {
            print("\(text) \(String(format: "%10.1f", value)) \(unit)\(cpuText)")
        }
    }
}
