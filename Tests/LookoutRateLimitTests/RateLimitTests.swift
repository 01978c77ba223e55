import Testing
@testable import LookoutRateLimit

@Suite("RateLimit values: validation and description")
struct RateLimitTests {
    @Test func describesItself() throws {
        #expect(try RateLimit.perMinute(60).description == "60 requests per 60 s (sliding-window)")
        #expect(try RateLimit(limit: 10, window: .seconds(1), algorithm: .gcra, burst: 20).description == "10 requests per 1 s (gcra, burst 20)")
        #expect(try RateLimit(limit: 3, window: .milliseconds(1500)).description == "3 requests per 1.5 s (sliding-window)")
        #expect(try RateLimit(limit: 60, window: .seconds(60), subWindows: 1).description == "60 requests per 60 s (sliding-window, 1 sub-window)")
        #expect(try RateLimit(limit: 60, window: .seconds(60), subWindows: 4).description == "60 requests per 60 s (sliding-window, 4 sub-windows)")
    }

    @Test(arguments: [
        (0, Duration.seconds(60), RateLimitAlgorithm.slidingWindow, nil, "limit must be at least 1, got 0"),
        (1, .zero, .slidingWindow, nil, "window must be from 1 ms to 1 day, got 0.0 seconds"),
        (1, .seconds(86_401), .slidingWindow, nil, "window must be from 1 ms to 1 day, got 86401.0 seconds"),
        (1, .microseconds(1500), .slidingWindow, nil, "window must be a whole number of milliseconds, got 0.0015 seconds"),
        (5, .seconds(1), .gcra, 0, "burst must be at least 1, got 0"),
        (2_000_000_000, .seconds(86_400), .slidingWindow, nil,
         "2000000000 requests per 86400.0 seconds is too large to count exactly; use a shorter window"),
        (2_000, .milliseconds(1), .gcra, nil, "GCRA needs at least 1 µs between requests; 2000 per 0.001 seconds is too many"),
        (3_000_000_000, .seconds(1), .slidingWindow, nil, "a sliding window counts at most 2147483647 requests, got 3000000000; use a shorter window"),
    ] as [(Int, Duration, RateLimitAlgorithm, Int?, String)])
    func rejectsLimitsItCannotEnforce(limit: Int, window: Duration, algorithm: RateLimitAlgorithm, burst: Int?, message: String) {
        #expect(throws: RateLimitConfigurationError(message)) {
            try RateLimit(limit: limit, window: window, algorithm: algorithm, burst: burst)
        }
    }

    @Test(arguments: [0, 3, 16]) func rejectsSubWindowCountsOtherThanPowersOfTwoUpToEight(subWindows: Int) {
        #expect(throws: RateLimitConfigurationError("sub-windows must be 1, 2, 4 or 8, got \(subWindows)")) {
            try RateLimit(limit: 10, window: .seconds(1), subWindows: subWindows)
        }
    }

    @Test func gcraIgnoresSubWindowsAndLowerLimitsKeepThem() throws {
        #expect(try RateLimit(limit: 10, window: .seconds(1), algorithm: .gcra).subWindows == 1)
        #expect(try RateLimit(limit: 10, window: .seconds(1), subWindows: 2).withLimit(5).subWindows == 2)
        #expect(try RateLimit.perMinute(60).subWindows == RateLimit.defaultSubWindows)
    }

    @Test func lowerLimitsScaleTheBurst() throws {
        let gcra = try RateLimit(limit: 100, window: .seconds(10), algorithm: .gcra, burst: 50)
        #expect(gcra.withLimit(10).limit == 10)
        #expect(gcra.withLimit(10).burst == 5)
        #expect(gcra.withLimit(1000) == gcra, "never raised above the configured limit")
        #expect(try RateLimit.perMinute(60).withLimit(0).limit == 1)
    }
}
