#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Wall-clock time in milliseconds since the Unix epoch, as the cache sees it: which
/// candles are closed, when a memory entry expires. Injected so tests and simulations move
/// time themselves.
public protocol CacheClock: Sendable {
    /// Now, in ms since the Unix epoch (UTC).
    func nowMilliseconds() -> Int64
}

/// The system's real-time clock.
public struct SystemCacheClock: CacheClock {
    /// Creates the clock.
    public init() {}

    public func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// A clock that moves only when told to, for tests and simulated workloads. Thread-safe.
public final class ManualCacheClock: CacheClock {
    private let now: Atomic<Int64>

    /// A clock reading `milliseconds` since the epoch.
    public init(milliseconds: Int64) {
        now = Atomic(milliseconds)
    }

    public func nowMilliseconds() -> Int64 { now.load(ordering: .acquiring) }

    /// Moves the clock forward by `duration` (whole milliseconds).
    public func advance(by duration: Duration) {
        now.add(duration.wholeMilliseconds, ordering: .acquiringAndReleasing)
    }

    /// Sets the clock to `milliseconds` since the epoch.
    public func set(_ milliseconds: Int64) {
        now.store(milliseconds, ordering: .releasing)
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
