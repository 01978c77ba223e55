/// A quota: at most ``limit`` requests per ``window``, counted by an ``algorithm``.
///
/// ```swift
/// let perIP = try RateLimit(limit: 60, window: .seconds(60))               // sliding window
/// let bursty = try RateLimit(limit: 10, window: .seconds(1), algorithm: .gcra, burst: 20)
/// let classic = try RateLimit(limit: 60, window: .seconds(60), subWindows: 1)  // two-window counter
/// print(perIP)  // "60 requests per 60 s (sliding-window)"
/// ```
///
/// All arithmetic is on whole microseconds in 64-bit integers (and in Lua's doubles for
/// the Redis backend), so `limit × window` must stay below 2⁵³ µs: for a one-minute
/// window that is 150 million requests. A value type; `Sendable`.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Most requests admitted per window (the `q` of the `RateLimit-Policy` header).
    public let limit: Int
    /// The window, a whole number of milliseconds from 1 ms to 1 day.
    public let window: Duration
    /// How requests are counted.
    public let algorithm: RateLimitAlgorithm
    /// For ``RateLimitAlgorithm/gcra``: requests admitted back to back from an idle key
    /// (the bucket size). Equals ``limit`` unless set. Ignored by the sliding window.
    public let burst: Int
    /// For ``RateLimitAlgorithm/slidingWindow``: how many counters one window is split
    /// into (1, 2, 4 or 8; default ``defaultSubWindows``). More sub-windows follow an exact
    /// log of timestamps more closely (see ``SlidingWindowCounter``) for a few bytes more
    /// per key; 1 is the classic two-window counter. Always 1 for GCRA.
    public let subWindows: Int
    /// ``window`` in microseconds, kept so a decision does no `Duration` arithmetic (its
    /// 128-bit division costs more than the rest of a decision).
    public let windowMicroseconds: Int64

    /// The sub-windows of a sliding-window limit unless told otherwise: 8, the fewest that
    /// keep the counter within 1 % of an exact log on the replayed bursty traces
    /// (Tests/LookoutRateLimitTests/SlidingWindowAccuracyTests.swift; 1 sub-window is
    /// 2.5 to 3.2 % off there, 4 up to 1.1 %).
    public static let defaultSubWindows = 8

    /// The sub-window counts allowed: powers of two that divide every whole-millisecond window.
    public static let allowedSubWindows: Set<Int> = [1, 2, 4, 8]

    /// The most requests per window a sliding-window limit counts (its counters are 32-bit).
    static let maximumSlidingWindowLimit = Int(Int32.max)

    /// The largest `limit × window` in microseconds the algorithms compute exactly (2⁵³).
    static let maximumProduct: Int64 = 1 << 53

    /// A quota of `limit` requests per `window`.
    ///
    /// - Throws: ``RateLimitConfigurationError`` if `limit` or `burst` is below 1, the
    ///   window is not 1 ms to 1 day, GCRA's emission interval (`window / limit`) is below
    ///   1 µs, `limit × window` is too large to compute exactly, a sliding-window limit is
    ///   above 2,147,483,647 per window, or `subWindows` is not 1, 2, 4 or 8.
    public init(limit: Int, window: Duration, algorithm: RateLimitAlgorithm = .slidingWindow, burst: Int? = nil,
                subWindows: Int = RateLimit.defaultSubWindows) throws(RateLimitConfigurationError)
    {
        guard limit >= 1 else { throw RateLimitConfigurationError("limit must be at least 1, got \(limit)") }
        guard window >= .milliseconds(1), window <= .seconds(86_400) else {
            throw RateLimitConfigurationError("window must be from 1 ms to 1 day, got \(window)")
        }
        let micros = Self.microseconds(window)
        guard micros % 1000 == 0 else { throw RateLimitConfigurationError("window must be a whole number of milliseconds, got \(window)") }
        let burst = burst ?? limit
        guard burst >= 1 else { throw RateLimitConfigurationError("burst must be at least 1, got \(burst)") }
        let (product, overflow) = Int64(max(limit, burst)).multipliedReportingOverflow(by: micros)
        guard !overflow, product < Self.maximumProduct else {
            throw RateLimitConfigurationError("\(limit) requests per \(window) is too large to count exactly; use a shorter window")
        }
        if algorithm == .gcra, micros / Int64(limit) < 1 {
            throw RateLimitConfigurationError("GCRA needs at least 1 µs between requests; \(limit) per \(window) is too many")
        }
        guard Self.allowedSubWindows.contains(subWindows) else {
            throw RateLimitConfigurationError("sub-windows must be 1, 2, 4 or 8, got \(subWindows)")
        }
        if algorithm == .slidingWindow, limit > Self.maximumSlidingWindowLimit {
            throw RateLimitConfigurationError("a sliding window counts at most \(Self.maximumSlidingWindowLimit) requests, got \(limit); use a shorter window")
        }
        self.limit = limit
        self.window = window
        self.algorithm = algorithm
        self.burst = burst
        self.subWindows = algorithm == .slidingWindow ? subWindows : 1
        windowMicroseconds = micros
    }

    /// `limit` requests per minute, counted by the sliding window.
    public static func perMinute(_ limit: Int) throws(RateLimitConfigurationError) -> RateLimit {
        try RateLimit(limit: limit, window: .seconds(60))
    }

    /// One sub-window in microseconds (``windowMicroseconds`` / ``subWindows``, exact).
    public var subWindowMicroseconds: Int64 { windowMicroseconds / Int64(subWindows) }

    /// The window in whole seconds, rounded up (the `w` of the `RateLimit-Policy` header).
    public var windowSeconds: Int64 { (windowMicroseconds + 999_999) / 1_000_000 }

    /// The same quota with a lower limit (adaptive limits): `newLimit` is clamped to
    /// `1...limit`, and a GCRA burst shrinks in proportion.
    func withLimit(_ newLimit: Int) -> RateLimit {
        let newLimit = max(1, min(newLimit, limit))
        guard newLimit != limit else { return self }
        let scaledBurst = max(1, Int(Int64(burst) * Int64(newLimit) / Int64(limit)))
        return RateLimit(uncheckedLimit: newLimit, window: window, algorithm: algorithm,
                         burst: algorithm == .gcra ? scaledBurst : newLimit, subWindows: subWindows)
    }

    private init(uncheckedLimit: Int, window: Duration, algorithm: RateLimitAlgorithm, burst: Int, subWindows: Int) {
        self.limit = uncheckedLimit
        self.window = window
        self.algorithm = algorithm
        self.burst = burst
        self.subWindows = subWindows
        windowMicroseconds = Self.microseconds(window)
    }

    /// For example `60 requests per 60 s (sliding-window)`, `60 requests per 60 s
    /// (sliding-window, 1 sub-window)` (sub-windows named when not the default) or
    /// `10 requests per 1 s (gcra, burst 20)`.
    public var description: String {
        let seconds = Double(windowMicroseconds) / 1_000_000
        let window = seconds == seconds.rounded() ? "\(Int64(seconds)) s" : "\(seconds) s"
        let subs = subWindows == Self.defaultSubWindows ? "" : ", \(subWindows) sub-window\(subWindows == 1 ? "" : "s")"
        let kind = algorithm == .gcra ? "gcra, burst \(burst)" : algorithm.rawValue + subs
        return "\(limit) requests per \(window) (\(kind))"
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}

/// A rate-limit setting that cannot work, with what was wrong and how to fix it.
public struct RateLimitConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, for example `limit must be at least 1, got 0`.
    public let message: String

    /// An error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
