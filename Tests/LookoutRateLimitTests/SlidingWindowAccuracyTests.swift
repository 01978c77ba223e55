import Foundation
import Lookout
import Testing
@testable import LookoutRateLimit

/// Replays traces through the sliding-window counter and through an exact log of
/// admitted timestamps (each limiting on its own), and compares how many requests each
/// admits over two hours.
///
/// Measured (admitted by the counter vs the exact log, limit 60 / 1000 per minute):
///
/// | trace   | 1 sub-window    | 4 sub-windows   | 8 (default)     |
/// |---------|-----------------|-----------------|-----------------|
/// | steady  | −0.06 / −0.02 % | −0.14 / +0.04 % | −0.14 / +0.05 % |
/// | bursty  | +2.45 / +3.18 % | +0.72 / +1.07 % | +0.35 / +0.72 % |
/// | diurnal | +0.07 / +0.04 % | −0.13 / +0.06 % | −0.30 / +0.05 % |
@Suite("Sliding-window accuracy against an exact log")
struct SlidingWindowAccuracyTests {
    enum Shape: String, Sendable, CaseIterable {
        /// 1.5 × the limit throughout.
        case steady
        /// The rate switches every 5 to 30 s between quiet (0.3 × limit), busy (1.2 ×) and
        /// bursts (4 ×): the worst case for assuming a sub-window's requests spread evenly.
        case bursty
        /// A slow swell from 0.3 × to 2 × the limit and back, every 30 minutes.
        case diurnal
    }

    /// A deterministic trace of Poisson arrivals for 2 hours.
    static func trace(limit: Int, window: Int64, shape: Shape) -> [Int64] {
        var generator = SplitMix64(seed: 42)
        var times: [Int64] = []
        let start: Int64 = 1_000 * window
        var now = start
        let end = now + 7_200_000_000
        let base = Double(limit) / Double(window)
        var phaseEnd = now
        var rate = base
        while now < end {
            if shape == .diurnal {
                rate = base * (1.15 + 0.85 * sin(2 * Double.pi * Double(now - start) / 1_800_000_000))
            } else if now >= phaseEnd {
                let pick = generator.next() % 3
                rate = shape == .bursty ? base * (pick == 0 ? 0.3 : pick == 1 ? 1.2 : 4) : base * 1.5
                phaseEnd = now + Int64(5_000_000 + generator.next() % 25_000_000)
            }
            let uniform = generator.unit()
            now += max(1, Int64(-log(1 - uniform) / rate))
            times.append(now)
        }
        return times
    }

    /// Relative difference in requests admitted, counter vs exact log.
    static func error(shape: Shape, limit: Int, subWindows: Int64) -> Double {
        let window: Int64 = 60_000_000
        let times = trace(limit: limit, window: window, shape: shape)
        var state = LimiterState.empty
        var log: [Int64] = []
        var logStart = 0
        var counterAdmitted = 0, exactAdmitted = 0
        for now in times {
            let counter = SlidingWindowCounter.decide(&state, now: now, limit: Int64(limit), window: window, subWindows: subWindows).isAllowed
            while logStart < log.count, log[logStart] <= now - window { logStart += 1 }
            let exact = log.count - logStart < limit
            if exact { log.append(now) }
            counterAdmitted += counter ? 1 : 0
            exactAdmitted += exact ? 1 : 0
        }
        let error = Double(counterAdmitted - exactAdmitted) / Double(exactAdmitted)
        print("sliding-window accuracy (\(shape), limit \(limit)/min, \(subWindows) sub-windows): \(times.count) requests, exact log admitted \(exactAdmitted), counter \(counterAdmitted) (\(String(format: "%+.2f", error * 100)) %)")
        #expect(times.count > 8_000)
        return abs(error)
    }

    /// The default (8 sub-windows) meets the issue's 1 % on every trace.
    @Test(arguments: Shape.allCases, [60, 1000])
    func theDefaultAdmitsWithinOnePercentOfAnExactLog(shape: Shape, limit: Int) {
        #expect(Self.error(shape: shape, limit: limit, subWindows: Int64(RateLimit.defaultSubWindows)) < 0.01)
    }

    /// One sub-window (the classic counter) stays close on smooth traces and about 3 %
    /// over on the bursty one: the reason the default is 8.
    @Test(arguments: Shape.allCases, [60, 1000])
    func theClassicCounterIsWithinFourPercent(shape: Shape, limit: Int) {
        let error = Self.error(shape: shape, limit: limit, subWindows: 1)
        #expect(error < (shape == .bursty ? 0.04 : 0.01))
        if shape == .bursty { #expect(error > 0.01, "the bursty trace is the one that needs sub-windows") }
    }
}
