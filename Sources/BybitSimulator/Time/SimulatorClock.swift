import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The source of "now" for a ``BybitSimulator``.
///
/// Everything time-dependent in the simulator — the open candle, the `time` field, the
/// per-IP window, ban expiry — reads this clock, so a test that injects a
/// ``ManualSimulatorClock`` gets byte-identical responses on every run.
/// Conforming types must be safe to call from any thread.
public protocol SimulatorClock: Sendable {
    /// The current wall-clock time.
    func now() -> SimulatorTime
}

/// The machine's real-time clock (`CLOCK_REALTIME`), for serving the simulator to live clients.
///
/// Do not use it in tests: responses then depend on when the test runs. Thread-safe.
public struct SystemSimulatorClock: SimulatorClock {
    /// Creates the system clock.
    public init() {}

    /// Reads `CLOCK_REALTIME`.
    public func now() -> SimulatorTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return SimulatorTime(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}

/// A clock that only moves when told to, for deterministic tests.
///
/// Thread-safe: the instant is an atomic, so a test may advance it while other tasks
/// send requests.
public final class ManualSimulatorClock: SimulatorClock {
    private let nanoseconds: Atomic<Int64>

    /// Creates a clock stopped at `start`.
    public init(_ start: SimulatorTime) {
        nanoseconds = Atomic(start.nanosecondsSinceEpoch)
    }

    /// The instant the clock is stopped at.
    public func now() -> SimulatorTime {
        SimulatorTime(nanosecondsSinceEpoch: nanoseconds.load(ordering: .relaxed))
    }

    /// Moves the clock forward by `duration` (backwards for a negative one).
    public func advance(by duration: Duration) {
        nanoseconds.wrappingAdd(duration.nanoseconds, ordering: .relaxed)
    }

    /// Moves the clock to `time`.
    public func set(to time: SimulatorTime) {
        nanoseconds.store(time.nanosecondsSinceEpoch, ordering: .relaxed)
    }
}
