#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Where a limiter reads "now": microseconds since the Unix epoch.
///
/// Windows are aligned on the epoch so that instances agree where a window starts; the
/// Redis backend reads Redis's own `TIME` instead, so skewed hosts still agree. Inject
/// ``manual(_:)`` in tests. `Sendable`; reading is thread-safe.
public struct RateLimitClock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock reading `read`.
    public init(_ read: @escaping @Sendable () -> Int64) {
        self.read = read
    }

    /// The current time in µs since the Unix epoch.
    public func now() -> Int64 { read() }

    /// The system's real-time clock (`CLOCK_REALTIME`).
    public static let system = RateLimitClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }

    /// The kernel's coarse real-time clock (`CLOCK_REALTIME_COARSE`): updated once per
    /// scheduler tick (typically every 1 to 4 ms, see ``coarseResolution``) and several
    /// times cheaper to read than ``system`` on virtual machines. The in-memory backend's
    /// default: for windows of a second or more the tick is invisible; a GCRA limit whose
    /// emission interval is shorter than the tick admits its requests in tick-sized batches
    /// (the same number over time). Use ``system`` for such limits.
    public static let coarse = RateLimitClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }

    /// The resolution of ``coarse`` on this machine.
    public static var coarseResolution: Duration {
        var spec = timespec()
        clock_getres(CLOCK_REALTIME_COARSE, &spec)
        return .seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec))
    }

    /// A clock reading a ``ManualRateLimitClock``.
    public static func manual(_ clock: ManualRateLimitClock) -> RateLimitClock {
        RateLimitClock { clock.now }
    }
}

/// A clock for tests that moves only when told to. Thread-safe.
public final class ManualRateLimitClock: Sendable {
    private let microseconds: Atomic<Int64>

    /// A clock at `microseconds` since the epoch.
    public init(microseconds: Int64 = 0) {
        self.microseconds = Atomic(microseconds)
    }

    /// The current reading in µs.
    public var now: Int64 { microseconds.load(ordering: .relaxed) }

    /// Moves the clock by `duration` (may be negative, to test clock steps).
    public func advance(by duration: Duration) {
        microseconds.add(RateLimit.microseconds(duration), ordering: .relaxed)
    }

    /// Sets the clock to `microseconds`.
    public func set(microseconds value: Int64) {
        microseconds.store(value, ordering: .relaxed)
    }
}
