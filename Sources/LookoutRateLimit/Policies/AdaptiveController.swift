import Synchronization

/// Turns pressure signals into the adaptive share of the limits of adaptive policies.
///
/// Three kinds of signal lower the share (see ``AdaptiveLimit`` for how much and how it
/// recovers):
/// - ``reportPressure(_:)``: an explicit signal, for example from an upstream client that
///   was answered "too many requests" (Bybit retCode 10006) or banned (HTTP 403);
/// - in-flight saturation: ``requestStarted()`` finds more than `maxInFlight` requests
///   in flight;
/// - latency: the moving average of ``requestFinished(durationMicroseconds:)`` exceeds
///   `latencyTarget`.
///
/// Thread-safe: a mutex guards the AIMD state (held for a few arithmetic operations),
/// atomics count in-flight requests and hold the latency average.
public final class AdaptiveController: Sendable {
    /// Where a pressure signal came from; a bounded metric label.
    public enum PressureSource: String, Sendable, Hashable, CaseIterable {
        /// An upstream answered "too many requests" (Bybit retCode 10006, HTTP 429).
        case upstreamRateLimited = "upstream_rate_limited"
        /// An upstream banned this host (Bybit HTTP 403).
        case upstreamBanned = "upstream_banned"
        /// More requests in flight than allowed.
        case inFlight = "in_flight"
        /// Average latency above the target.
        case latency
    }

    private let state: Mutex<AdaptiveLimit>
    private let clock: RateLimitClock
    private let maxInFlight: Int
    private let latencyTarget: Int64
    private let inFlight = Atomic<Int>(0)
    private let averageLatency = Atomic<Int64>(0)
    private let onPressure: @Sendable (PressureSource, AdaptiveLimit.Action) -> Void

    /// A controller.
    ///
    /// - Parameters:
    ///   - parameters: How fast the share falls and recovers.
    ///   - maxInFlight: In-flight requests above which each new one signals pressure
    ///     (`Int.max`: never).
    ///   - latencyTarget: Average request duration above which finished requests signal
    ///     pressure (`nil`: never).
    ///   - clock: Where "now" comes from.
    ///   - onPressure: Called after each signal with what it did (for metrics and logs).
    public init(parameters: AdaptiveLimit.Parameters = .init(), maxInFlight: Int = .max, latencyTarget: Duration? = nil,
                clock: RateLimitClock = .system,
                onPressure: @escaping @Sendable (PressureSource, AdaptiveLimit.Action) -> Void = { _, _ in })
    {
        state = Mutex(AdaptiveLimit(parameters: parameters))
        self.clock = clock
        self.maxInFlight = maxInFlight
        self.latencyTarget = latencyTarget.map(RateLimit.microseconds) ?? .max
        self.onPressure = onPressure
    }

    /// The share of configured limits in force now, from the floor to 1.
    public var share: Double {
        let now = clock.now()
        return state.withLock { $0.share(at: now) }
    }

    /// `limit` scaled by the current share, at least 1.
    public func effectiveLimit(_ limit: Int) -> Int {
        let now = clock.now()
        return state.withLock { $0.effectiveLimit(limit, at: now) }
    }

    /// Records a pressure signal from `source`.
    @discardableResult
    public func reportPressure(_ source: PressureSource) -> AdaptiveLimit.Action {
        let now = clock.now()
        let action = state.withLock { $0.pressure(at: now) }
        onPressure(source, action)
        return action
    }

    /// Counts a request in flight; signals pressure when there are more than `maxInFlight`.
    public func requestStarted() {
        let count = inFlight.add(1, ordering: .relaxed).newValue
        if count > maxInFlight { reportPressure(.inFlight) }
    }

    /// Counts a request done after `durationMicroseconds`; signals pressure when the
    /// moving average (weight 1/8 per request) exceeds the latency target.
    public func requestFinished(durationMicroseconds: Int64) {
        inFlight.subtract(1, ordering: .relaxed)
        guard latencyTarget != .max else { return }
        let previous = averageLatency.load(ordering: .relaxed)
        let average = previous == 0 ? durationMicroseconds : previous + (durationMicroseconds - previous) / 8
        averageLatency.store(average, ordering: .relaxed)
        if average > latencyTarget { reportPressure(.latency) }
    }

    /// Requests in flight now.
    public var requestsInFlight: Int { inFlight.load(ordering: .relaxed) }
}
