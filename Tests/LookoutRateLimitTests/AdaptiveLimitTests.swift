import Synchronization
import Testing
@testable import LookoutRateLimit

@Suite("Adaptive AIMD: multiplicative decrease, additive recovery, floor, cooldown")
struct AdaptiveLimitTests {
    static let second: Int64 = 1_000_000

    enum Event: Sendable {
        case pressure(at: Double, expect: AdaptiveLimit.Action)
        case share(at: Double, expect: Double)
        case limit(of: Int, at: Double, expect: Int)
    }

    @Test(arguments: [
        [Event.share(at: 0, expect: 1), .limit(of: 60, at: 0, expect: 60),
         .pressure(at: 10, expect: .decreased(to: 0.5)), .limit(of: 60, at: 10, expect: 30),
         // One cut per second however many signals arrive.
         .pressure(at: 10.5, expect: .ignoredInCooldown), .share(at: 10.5, expect: 0.5),
         .pressure(at: 11, expect: .decreased(to: 0.25)),
         // +0.05 per full 2 s of calm.
         .share(at: 12.9, expect: 0.25), .share(at: 13, expect: 0.30), .limit(of: 60, at: 13, expect: 18),
         .share(at: 39, expect: 0.95), .share(at: 41, expect: 1), .share(at: 1000, expect: 1)],
        // Pressure keeps it at the floor, and recovery restarts after the last signal.
        [.pressure(at: 0, expect: .decreased(to: 0.5)), .pressure(at: 1, expect: .decreased(to: 0.25)),
         .pressure(at: 2, expect: .decreased(to: 0.125)), .pressure(at: 3, expect: .decreased(to: 0.1)),
         .pressure(at: 4, expect: .heldAtFloor), .share(at: 5.9, expect: 0.1), .share(at: 6, expect: 0.15),
         .limit(of: 5, at: 4, expect: 1)],
        // A cut during recovery starts from the recovered share.
        [.pressure(at: 0, expect: .decreased(to: 0.5)), .share(at: 10, expect: 0.75),
         .pressure(at: 10, expect: .decreased(to: 0.375))],
    ] as [[Event]])
    func followsTheAIMDSteps(events: [Event]) {
        var limit = AdaptiveLimit()
        let base: Int64 = 1_000_000 * Self.second
        for event in events {
            switch event {
            case .pressure(let at, let expected):
                #expect(limit.pressure(at: base + Int64(at * 1e6)) == expected, "pressure at \(at) s")
            case .share(let at, let expected):
                #expect(abs(limit.share(at: base + Int64(at * 1e6)) - expected) < 1e-9, "share at \(at) s")
            case .limit(let value, let at, let expected):
                #expect(limit.effectiveLimit(value, at: base + Int64(at * 1e6)) == expected, "limit at \(at) s")
            }
        }
    }

    @Test func inFlightSaturationAndSlowRequestsSignalPressure() {
        let clock = ManualRateLimitClock(microseconds: 1_000_000 * Self.second)
        let signals = SignalLog()
        let controller = AdaptiveController(maxInFlight: 2, latencyTarget: .milliseconds(100), clock: .manual(clock)) { source, _ in
            signals.append(source)
        }
        controller.requestStarted()
        controller.requestStarted()
        #expect(signals.sources.isEmpty)
        controller.requestStarted()
        #expect(signals.sources == [.inFlight])
        #expect(controller.share == 0.5)
        controller.requestFinished(durationMicroseconds: 20_000)
        controller.requestFinished(durationMicroseconds: 20_000)
        #expect(signals.sources == [.inFlight])
        clock.advance(by: .seconds(2))
        controller.requestFinished(durationMicroseconds: 2_000_000)
        #expect(signals.sources == [.inFlight, .latency], "the moving average crossed 100 ms")
        #expect(controller.requestsInFlight == 0)
        controller.reportPressure(.upstreamRateLimited)
        #expect(signals.sources.last == .upstreamRateLimited)
        // 0.5 recovered to 0.55 after 2 s, cut to 0.275 by latency; the upstream signal
        // came within the cooldown, so it did not cut again.
        #expect(controller.effectiveLimit(100) == 27)
    }
}

final class SignalLog: Sendable {
    private let storage = Mutex<[AdaptiveController.PressureSource]>([])
    func append(_ source: AdaptiveController.PressureSource) { storage.withLock { $0.append(source) } }
    var sources: [AdaptiveController.PressureSource] { storage.withLock { $0 } }
}
